namespace Qifu.Web.Modules.ServiceRequests;

public static class ServiceRequestsModule
{
    public static IServiceCollection AddServiceRequests(this IServiceCollection services)
    {
        return services;
    }

    public static IEndpointRouteBuilder MapServiceRequests(this IEndpointRouteBuilder app)
    {
        return app;
    }
}
