namespace Qifu.Web.Modules.Institutions;

public static class InstitutionsModule
{
    public static IServiceCollection AddInstitutions(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapInstitutions(this IEndpointRouteBuilder app) => app;
}
