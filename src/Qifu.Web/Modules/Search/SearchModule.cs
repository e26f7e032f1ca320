namespace Qifu.Web.Modules.Search;

public static class SearchModule
{
    public static IServiceCollection AddSearch(this IServiceCollection services)
    {
        return services;
    }

    public static IEndpointRouteBuilder MapSearch(this IEndpointRouteBuilder app)
    {
        return app;
    }
}
