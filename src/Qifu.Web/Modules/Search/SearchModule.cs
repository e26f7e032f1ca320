using Qifu.Web.Modules.Catalogue;
using Qifu.Web.Modules.Search.Following;
using Qifu.Web.Modules.Search.SearchPage;
using Qifu.Web.Modules.Search.Synonyms;
using Qifu.Web.Platform.Errors;

namespace Qifu.Web.Modules.Search;

public static class SearchModule
{
    public static IServiceCollection AddSearch(this IServiceCollection services)
    {
        services.AddSingleton<NodeIndex>();
        services.AddSingleton<SearchSynonyms>();
        services.AddSingleton<SiteSearch>();
        services.AddSingleton<ContentVersion>();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, ContentChangeInterceptor>();
        services.AddScoped<SynonymEditor>();
        services.AddHostedService<IndexFollower>();
        // Service items lead the tabs (the marketplace is what most searches are for), so their source goes before any
        // registered earlier (institutions). Sources are singletons: they get the DbContext with each call.
        var first = services.FirstOrDefault(d => d.ServiceType == typeof(ISearchSource));
        services.Insert(first is null ? services.Count : services.IndexOf(first), ServiceDescriptor.Singleton<ISearchSource, ItemSearchSource>());
        return services;
    }

    public static IEndpointRouteBuilder MapSearch(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/search", async ([AsParameters] SearchInput input, SiteSearch search, HttpRequest request, CancellationToken ct) =>
                Results.Ok(await search.SearchAsync(input, ct, SiteSearch.WantsFresh(request))))
            .Validated<SearchInput>()
            .AllowAnonymous()
            .WithTags("搜索")
            .WithSummary("全站搜索：服务项目与服务机构（q 为空时按发布时间浏览；kind 内容类型；category、sub、region、fee、mode、rating 筛选；" +
                "sort 为 relevance、newest、rating 或 popularity；每页最多100条；返回带 <mark> 高亮的标题与摘要、各筛选项计数及已选条件）");
        return app;
    }
}
