using Microsoft.AspNetCore.Mvc;
using Qifu.Web.Modules.Content.Data;
using Qifu.Web.Modules.Content.ImportArticles;
using Qifu.Web.Modules.Content.MatchPolicies;
using Qifu.Web.Modules.Content.PublishArticles;
using Qifu.Web.Modules.Content.ReadArticles;
using Qifu.Web.Modules.Search;
using Qifu.Web.Platform.Errors;
using Qifu.Web.Platform.Jobs;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Content;

public static class ContentModule
{
    /// <summary>The entity type of this module's audit entries (操作日志).</summary>
    public const string AuditEntityType = "文章";
    public const string CountyReviewSetting = Platform.Dictionaries.Settings.CountyArticleReview;
    public const string WindowReminderDaysSetting = Platform.Dictionaries.Settings.PolicyWindowReminderDays;

    public static IServiceCollection AddContent(this IServiceCollection services)
    {
        services.AddScoped<ArticleFiles>();
        services.AddScoped<ArticleHandler>();
        services.AddScoped<ArticleReader>();
        services.AddSingleton<ArticleListCache>();
        services.AddSingleton<ArticlePages>();
        services.AddSingleton<ArticleIdLists>();
        services.AddSingleton<ArticleViews>();
        services.AddOptions<Microsoft.AspNetCore.OutputCaching.OutputCacheOptions>().Configure<IConfiguration>((o, config) =>
            o.AddPolicy(ArticleViews.PagePolicy, new Platform.Web.PublicPages(config, servedFromCache: ArticleViews.CountCachedPageAsync)));
        services.AddHostedService(sp => sp.GetRequiredService<ArticleViews>());
        services.AddScoped<PolicyMatches>();
        services.AddScoped<ArticleImport>();
        services.AddSingleton<PolicyCatalogue>();
        foreach (var kind in ArticleKinds.All)
            services.AddSingleton<ISearchSource>(sp => new ArticleSearchSource(kind, sp.GetRequiredService<TimeProvider>()));
        services.AddScheduledWork<ReleaseScheduledArticles>("release-scheduled-articles", TimeSpan.FromMinutes(1));
        services.AddScheduledWork<RemindClosingWindows>("remind-closing-policy-windows", TimeSpan.FromHours(6));
        return services;
    }

    public static IEndpointRouteBuilder MapContent(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/articles").WithTags("新闻信息");

        api.MapGet("/", async ([AsParameters] ArticleListFilter filter, ArticleReader reader, TimeProvider clock) =>
                Results.Ok(Page(await reader.ListAsync(filter), Today(clock))))
            .AllowAnonymous()
            .WithSummary("已发布的文章（kind 类型 News/Notice/Policy/Interpretation/Case，column 栏目，region 站点；置顶在前，新的在前）");

        api.MapGet("/{id:guid}", async (Guid id, HttpContext http, ArticleReader reader, TimeProvider clock) =>
                await reader.FindAsync(id, countView: true) is { } p ? Results.Ok(PublicView(p, Today(clock))) : ProblemResults.NotFound(http))
            .AllowAnonymous()
            .WithSummary("一篇已发布文章（计一次浏览）；政策文件含元数据、适用条件与解读");

        api.MapGet("/managed", async ([AsParameters] ManagedArticleFilter filter, HttpContext http, ArticleHandler handler) =>
                Results.Ok(await handler.ListAsync(http.User, filter)))
            .RequireAuthorization(Permissions.PublishArticles)
            .WithSummary("运营管理的文章（按数据范围；可按类型、状态、标题筛选）");

        api.MapGet("/managed/{id:guid}", async (Guid id, HttpContext http, ArticleHandler handler) =>
                await handler.FindAsync(http.User, id) is { } a ? Results.Ok(ManagedView(a)) : ProblemResults.NotFound(http))
            .RequireAuthorization(Permissions.PublishArticles)
            .WithSummary("运营查看一篇文章（任意状态，按数据范围）");

        api.MapPost("/", async (ArticleInput input, HttpContext http, ArticleHandler handler) =>
            {
                var a = await handler.CreateAsync(http.User, input, null, [], input.Submit);
                return Results.Created($"/api/v1/articles/managed/{a.Id}", ManagedView(a));
            })
            .Validated<ArticleInput>()
            .RequireAuthorization(Permissions.PublishArticles)
            .WithSummary("新建文章（JSON；submit=true 发布或送审，publishAt 为北京时间的定时发布时间；政策文件须填元数据）");

        api.MapPut("/{id:guid}", async (Guid id, ArticleInput input, HttpContext http, ArticleHandler handler) =>
                await handler.UpdateAsync(http.User, id, input, null, [], input.Submit) is { } a ? Results.Ok(ManagedView(a)) : ProblemResults.NotFound(http))
            .Validated<ArticleInput>()
            .RequireAuthorization(Permissions.PublishArticles)
            .WithSummary("修改文章（整篇替换；isPinned 省略时保持原置顶状态；区县文章在需市级审核时重新送审）");

        api.MapPost("/{id:guid}/publish", async (Guid id, HttpContext http, ArticleHandler handler) =>
            {
                // The body is optional (publish now): read it only when one was sent.
                var body = http.Request.ContentLength > 0 || http.Request.Headers.TransferEncoding.Count > 0
                    ? await http.Request.ReadFromJsonAsync<PublishRequest>() : null;
                return await handler.SubmitAsync(http.User, id, body?.PublishAt) is { } a ? Results.Ok(ManagedView(a)) : ProblemResults.NotFound(http);
            })
            .RequireAuthorization(Permissions.PublishArticles)
            .WithSummary("发布文章（publishAt 可设定时发布；区县文章在需市级审核时进入待审核）");

        api.MapPost("/{id:guid}/approve", async (Guid id, HttpContext http, ArticleHandler handler) =>
                await handler.ApproveAsync(http.User, id) is { } a ? Results.Ok(ManagedView(a)) : ProblemResults.NotFound(http))
            .RequireAuthorization(Permissions.ReviewArticles)
            .WithSummary("市级审核通过区县文章");

        api.MapPost("/{id:guid}/reject", async (Guid id, ReasonInput body, HttpContext http, ArticleHandler handler) =>
                await handler.RejectAsync(http.User, id, body.Reason) is { } a ? Results.Ok(ManagedView(a)) : ProblemResults.NotFound(http))
            .Validated<ReasonInput>()
            .RequireAuthorization(Permissions.ReviewArticles)
            .WithSummary("市级驳回区县文章（须填写原因）");

        api.MapPost("/{id:guid}/withdraw", async (Guid id, ReasonInput body, HttpContext http, ArticleHandler handler) =>
                await handler.WithdrawAsync(http.User, id, body.Reason) is { } a ? Results.Ok(ManagedView(a)) : ProblemResults.NotFound(http))
            .Validated<ReasonInput>()
            .RequireAuthorization(Permissions.PublishArticles)
            .WithSummary("撤回已发布文章（须填写原因）");

        api.MapPost("/{id:guid}/pin", async (Guid id, PinInput body, HttpContext http, ArticleHandler handler) =>
                await handler.PinAsync(http.User, id, body.Pinned) is { } a ? Results.Ok(ManagedView(a)) : ProblemResults.NotFound(http))
            .RequireAuthorization(Permissions.PublishArticles)
            .WithSummary("置顶或取消置顶（pinned）");

        api.MapPost("/import", async (IFormFile? file, HttpContext http, ArticleImport import) =>
            {
                var result = await import.ImportAsync(http.User, file);
                if (result.Errors.Count == 0) return Results.Ok(result);
                var errors = result.Errors.GroupBy(e => $"{e.File ?? $"第{e.Row}行"} {e.Column}").ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
                return Results.Json(ProblemResults.Create(http, 422, "IMPORT_INVALID", $"导入数据有 {result.Errors.Count} 处错误，未导入任何文章", null, errors),
                    statusCode: 422, contentType: "application/problem+json; charset=utf-8");
            })
            .DisableAntiforgery()
            .RequireAuthorization(Permissions.PublishArticles)
            .WithSummary("批量导入文章：Excel 模板或原网站网页的 .zip 压缩包（multipart，字段 file；先整体校验，全部通过才导入，错误按行或文件列出）");

        var policies = app.MapGroup("/api/v1/policies").WithTags("政策");
        policies.MapGet("/", async ([AsParameters] PolicyFilter filter, ArticleReader reader, TimeProvider clock) =>
                Results.Ok(Page(await reader.PoliciesAsync(filter), Today(clock))))
            .AllowAnonymous()
            .WithSummary("政策库（level 层级 National/Province/City/County，issuer 发文机关（包含），theme 主题，" +
                "validity 有效性 Current 现行有效/NotYetInForce 尚未生效/Expired 已失效/Repealed 已废止（按北京时间的当天日期判断），q 标题）");

        var mine = app.MapGroup("/api/v1/enterprise").WithTags("政策");
        mine.MapGet("/policy-matches", async ([AsParameters] MatchQuery query, HttpContext http, PolicyMatches matches) =>
                await matches.ForAsync(http.User, query.Page, query.PageSize) is { } m ? Results.Ok(MatchView(m)) : ProblemResults.NotFound(http))
            .RequireAuthorization(Permissions.ActAsEnterprise)
            .WithSummary("适用于本企业的政策：按匹配度排序，含匹配原因与平台无法核对的条件；分页（page，pageSize 默认20、最多100，total 为总数）");

        mine.MapPut("/policy-subscription", async (SubscriptionInput body, HttpContext http, PolicyMatches matches) =>
                await matches.SubscribeAsync(http.User, body.Subscribed) is { } on ? Results.Ok(new { Subscribed = on }) : ProblemResults.NotFound(http))
            .RequireAuthorization(Permissions.ActAsEnterprise)
            .WithSummary("订阅或取消订阅政策推送（新政策适用时、申报即将截止时发站内信）");

        app.MapGet("/articles/{id:guid}/files/{fileId:guid}", async (Guid id, Guid fileId, HttpContext http, ArticleReader reader, ArticleFiles files) =>
            {
                var file = await reader.FileAsync(id, fileId);
                var stream = file is null ? null : files.Open(file);
                if (stream is null) return ProblemResults.NotFound(http);
                var inline = file!.OwnerType == ArticleFiles.CoverOwner;
                var disposition = new System.Net.Http.Headers.ContentDispositionHeaderValue(inline ? "inline" : "attachment");
                disposition.FileNameStar = file.FileName;
                http.Response.Headers.ContentDisposition = disposition.ToString();
                http.Response.Headers.ContentSecurityPolicy = "sandbox";
                return Results.Stream(stream, file.ContentType);
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }

    public sealed record PublishRequest(DateTime? PublishAt);

    public sealed record SubscriptionInput(bool Subscribed);

    public sealed record MatchQuery(int? Page, int? PageSize);

    private static DateOnly Today(TimeProvider clock) => Platform.Regions.HengyangCalendar.Today(clock);

    private static object Page(Shared.Paged<ArticleRow> p, DateOnly today) => new
    {
        p.Total, p.Page, p.PageSize, p.Pages,
        Items = p.Items.Select(r => new
        {
            r.Id, r.Title, r.Summary, Kind = r.Kind.ToString(), KindLabel = ArticleKinds.Label(r.Kind), r.Column, ColumnName = ArticleColumns.NameOf(r.Column),
            r.RegionCode, RegionName = RegionCodes.NameOf(r.RegionCode), r.PublishAt, r.IsPinned, r.ViewCount,
            Level = r.Level?.ToString(), r.Issuer, r.DocumentNumber, Validity = r.ValidityOn(today)?.ToString(),
            ValidityLabel = r.ValidityOn(today) is { } v ? PolicyTerms.Label(v) : null, r.Theme, Url = $"/articles/{r.Id}",
        }),
    };

    private static object ManagedView(Article a) => new
    {
        a.Id, Kind = a.Kind.ToString(), a.Column, a.Title, a.Summary, a.Body, a.Source, a.Author, a.RegionCode, Status = a.Status.ToString(),
        StatusLabel = ArticleStatuses.Label(a.Status), a.RejectReason, a.WithdrawReason, a.PublishAt, a.IsPinned, a.ViewCount, a.InterpretsPolicyId,
        a.Policy, a.UpdatedAt,
    };

    private static object PublicView(ArticlePage p, DateOnly today) => new
    {
        p.Article.Id, Kind = p.Article.Kind.ToString(), KindLabel = ArticleKinds.Label(p.Article.Kind), p.Article.Column,
        ColumnName = ArticleColumns.NameOf(p.Article.Column), p.Article.Title, p.Article.Summary, p.Article.Body, p.Article.Source, p.Article.Author,
        p.Article.RegionCode, RegionName = RegionCodes.NameOf(p.Article.RegionCode), p.Article.PublishAt, p.ViewCount,
        Policy = p.Article.Policy is not { } d ? null : new
        {
            d.IndexNumber, d.Issuer, d.DocumentNumber, d.WrittenOn, d.IssuedOn,
            // What holds today (a policy past its end date is Expired), not the flag the operator stored.
            Validity = d.ValidityOn(today).ToString(), ValidityLabel = PolicyTerms.Label(d.ValidityOn(today)), d.RepealedOn, d.ValidFrom, d.ValidUntil,
            Level = d.Level.ToString(), d.Theme, d.SupportType, d.SizeClasses, d.IndustrySections, d.Regions, d.Qualifications, d.OtherConditions,
            d.ApplyFrom, d.ApplyUntil, d.ApplicabilityUnknown,
        },
        Attachments = p.Attachments.Select(f => new { f.Id, f.FileName, f.Size, Url = $"/articles/{p.Article.Id}/files/{f.Id}" }),
        Interpretations = p.Interpretations.Select(i => new { i.Id, i.Title, Url = $"/articles/{i.Id}" }),
        InterpretedPolicy = p.InterpretedPolicy is { } ip ? new { ip.Id, ip.Title, Url = $"/articles/{ip.Id}" } : null,
    };

    private static object MatchView(MyPolicies m) => new
    {
        m.Subscribed, Profile = m.ProfileLine, m.Matches.Total, m.Matches.Page, m.Matches.PageSize, m.Matches.Pages,
        Items = m.Matches.Items.Select(x => new
        {
            x.Policy.Id, x.Policy.Title, Level = x.Policy.Level.ToString(), x.Policy.Issuer, x.Policy.Theme, x.Policy.ApplyUntil, x.Score,
            x.Reason, x.Reasons, x.Unchecked, Url = $"/articles/{x.Policy.Id}",
        }),
    };
}
