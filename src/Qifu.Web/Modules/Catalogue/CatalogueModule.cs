using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Catalogue.Data;
using Qifu.Web.Modules.Catalogue.Packages;
using Qifu.Web.Modules.Catalogue.PublishItems;
using Qifu.Web.Modules.Catalogue.ReviewItems;
using Qifu.Web.Modules.Catalogue.ShowItem;
using Qifu.Web.Modules.Institutions.ReviewInstitutions;
using Qifu.Web.Platform.Errors;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Modules.Catalogue;

public static class CatalogueModule
{
    /// <summary>The entity type of this module's audit entries (操作日志).</summary>
    public const string AuditEntityType = "服务项目";

    public static IServiceCollection AddCatalogue(this IServiceCollection services)
    {
        services.AddScoped<ItemAttachments>();
        services.AddScoped<PublishItemHandler>();
        services.AddScoped<ReviewItemHandler>();
        services.AddScoped<PublicItems>();
        services.AddScoped<PackageHandler>();
        return services;
    }

    public static IEndpointRouteBuilder MapCatalogue(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/items").WithTags("服务项目");

        api.MapGet("/mine", async ([FromQuery] ItemStatus? status, [FromQuery] int? page, HttpContext http, PublishItemHandler handler) =>
            {
                var result = await handler.ListOwnAsync(http.User, status, page);
                return Results.Ok(new { result.Total, result.Page, result.PageSize, Items = result.Items.Select(i => new
                {
                    i.Id, i.Content.Title, Status = i.Status.ToString(), StatusLabel = ItemStatuses.Label(i.Status), i.UpdatedAt, i.PublishedVersion,
                }) });
            })
            .RequireAuthorization(Permissions.ActAsInstitution)
            .WithSummary("本机构的服务项目（可按状态筛选）");

        api.MapGet("/mine/{id:guid}", async (Guid id, HttpContext http, PublishItemHandler handler, ItemAttachments files) =>
                await handler.FindOwnAsync(http.User, id) is { } own ? Results.Ok(await OwnViewAsync(own, http, files)) : ProblemResults.NotFound(http))
            .RequireAuthorization(Permissions.ActAsInstitution)
            .WithSummary("本机构的一个服务项目，含待审核的修改");

        api.MapPost("/", async ([FromForm] ItemRequest request, IFormFileCollection? attachments, HttpContext http, PublishItemHandler handler) =>
            {
                var item = await handler.CreateAsync(http.User, request, attachments ?? (IReadOnlyList<IFormFile>)[], request.Submit);
                return Results.Created($"/api/v1/items/mine/{item.Id}", new { item.Id, Status = item.Status.ToString(), StatusLabel = ItemStatuses.Label(item.Status) });
            })
            .Validated<ItemRequest>()
            .DisableAntiforgery()
            .RequireAuthorization(Permissions.ActAsInstitution)
            .WithSummary("新建服务项目（multipart/form-data；submit=true 提交审核，否则保存草稿；附件 attachments 最多5个）");

        api.MapPut("/{id:guid}", async (Guid id, [FromForm] ItemRequest request, IFormFileCollection? attachments, HttpContext http,
                PublishItemHandler handler, ItemAttachments files) =>
            await handler.UpdateAsync(http.User, id, request, attachments ?? (IReadOnlyList<IFormFile>)[], request.Submit) is { } own
                ? Results.Ok(await OwnViewAsync(own, http, files)) : ProblemResults.NotFound(http))
            .Validated<ItemRequest>()
            .DisableAntiforgery()
            .RequireAuthorization(Permissions.ActAsInstitution)
            .WithSummary("修改服务项目：草稿或已驳回的直接修改；已发布的作为新版本送审，审核通过前原版本继续展示");

        api.MapPost("/{id:guid}/submit", async (Guid id, HttpContext http, PublishItemHandler handler) =>
                await handler.SubmitAsync(http.User, id) is { } item ? Results.Ok(Status(item)) : ProblemResults.NotFound(http))
            .RequireAuthorization(Permissions.ActAsInstitution)
            .WithSummary("提交服务项目审核");

        api.MapPost("/{id:guid}/off-shelf", async (Guid id, OffShelfRequest body, HttpContext http, PublishItemHandler handler) =>
                await handler.TakeOffShelfAsync(http.User, id, body.Reason) is { } item ? Results.Ok(Status(item)) : ProblemResults.NotFound(http))
            .Validated<OffShelfRequest>()
            .RequireAuthorization(Permissions.ActAsInstitution)
            .WithSummary("机构下架自己的服务项目（原因可选）");

        api.MapPost("/{id:guid}/on-shelf", async (Guid id, HttpContext http, PublishItemHandler handler) =>
                await handler.PutBackOnShelfAsync(http.User, id) is { } item ? Results.Ok(Status(item)) : ProblemResults.NotFound(http))
            .RequireAuthorization(Permissions.ActAsInstitution)
            .WithSummary("重新上架服务项目");

        api.MapGet("/review", async ([AsParameters] ItemReviewFilter filter, HttpContext http, ReviewItemHandler review) =>
                Results.Ok(await review.ListAsync(http.User, filter)))
            .RequireAuthorization(Permissions.ReviewItems)
            .WithSummary("服务项目审核列表（按数据范围；status=pending 为待审核的新项目和修改）");

        api.MapGet("/review/{id:guid}", async (Guid id, HttpContext http, ReviewItemHandler review) =>
                await review.FindAsync(http.User, id) is { } r
                    ? Results.Ok(ItemView.Of(r.Item, r.InstitutionName, true, r.Files, r.Pending, r.PendingFiles))
                    : ProblemResults.NotFound(http))
            .RequireAuthorization(Permissions.ReviewItems)
            .WithSummary("待审核服务项目详情（含待审核的修改）");

        api.MapPost("/{id:guid}/approve", async (Guid id, HttpContext http, ReviewItemHandler review) =>
                await review.ApproveAsync(id, http.User) is { } item ? Results.Ok(Status(item)) : ProblemResults.NotFound(http))
            .RequireAuthorization(Permissions.ReviewItems)
            .WithSummary("审核通过（新项目发布，或修改替换在线版本）");

        api.MapPost("/{id:guid}/reject", async (Guid id, RejectDecision decision, HttpContext http, ReviewItemHandler review) =>
                await review.RejectAsync(id, decision.Reason, http.User) is { } item ? Results.Ok(Status(item)) : ProblemResults.NotFound(http))
            .Validated<RejectDecision>()
            .RequireAuthorization(Permissions.ReviewItems)
            .WithSummary("审核驳回（须填写驳回原因）");

        api.MapPost("/{id:guid}/takedown", async (Guid id, SuspendDecision decision, HttpContext http, ReviewItemHandler review) =>
                await review.TakeOffShelfAsync(id, decision.Reason, http.User) is { } item ? Results.Ok(Status(item)) : ProblemResults.NotFound(http))
            .Validated<SuspendDecision>()
            .RequireAuthorization(Permissions.ReviewItems)
            .WithSummary("运营下架服务项目（须填写原因，机构会收到通知）");

        api.MapGet("/{id:guid}", async (Guid id, HttpContext http, PublicItems items) =>
                await items.FindAsync(id) is { } shown ? Results.Ok(shown.View) : ProblemResults.NotFound(http))
            .AllowAnonymous()
            .WithSummary("已发布服务项目详情（公开；联系人信息已脱敏）");
        MapPackages(app.MapGroup("/api/v1/packages").WithTags("服务包"));
        return app;
    }

    private static void MapPackages(RouteGroupBuilder api)
    {
        api.MapGet("/", async (PackageHandler packages) => Results.Ok((await packages.ListOpenAsync()).Select(p => new
            {
                p.Id, p.Title, p.Summary, p.RegionCode, RegionName = RegionCodes.NameOf(p.RegionCode), p.ValidFrom, p.ValidUntil, Items = p.ItemCount,
            })))
            .AllowAnonymous()
            .WithSummary("开放领取的服务包（公开）");

        api.MapGet("/{id:guid}", async (Guid id, HttpContext http, PackageHandler packages) =>
                await packages.FindOpenAsync(id, http.User) is { } d ? Results.Ok(PackageView(d)) : ProblemResults.NotFound(http))
            .AllowAnonymous()
            .WithSummary("服务包详情（公开；企业登录时 claimedByMe 为本企业已领取的服务项目）");

        api.MapPost("/{id:guid}/claims", async (Guid id, ClaimRequest body, HttpContext http, PackageHandler packages) =>
                await packages.ClaimAsync(http.User, id, body.ItemId) is { } added ? Results.Ok(new { Added = added }) : ProblemResults.NotFound(http))
            .RequireAuthorization(Permissions.ActAsEnterprise)
            .WithSummary("领取服务包（itemId 为空时整包领取；重复领取不重复计数）");

        api.MapGet("/managed", async (HttpContext http, PackageHandler packages) => Results.Ok((await packages.ListManagedAsync(http.User)).Select(p => new
            {
                p.Id, p.Title, p.RegionCode, p.ValidFrom, p.ValidUntil, Status = p.Status.ToString(), Items = p.ItemCount,
            })))
            .RequireAuthorization(Permissions.ManagePackages)
            .WithSummary("运营管理的服务包（按数据范围）");

        api.MapPost("/", async (PackageInput input, HttpContext http, PackageHandler packages) =>
            {
                var p = await packages.CreateAsync(http.User, input);
                return Results.Created($"/api/v1/packages/{p.Id}/uptake", new { p.Id, Status = p.Status.ToString() });
            })
            .Validated<PackageInput>()
            .RequireAuthorization(Permissions.ManagePackages)
            .WithSummary("新建服务包（区县运营建在本区县分站，市级运营建在市本级）");

        api.MapPut("/{id:guid}", async (Guid id, PackageInput input, HttpContext http, PackageHandler packages) =>
                await packages.UpdateAsync(http.User, id, input) is { } p ? Results.Ok(new { p.Id, p.Title, p.ValidFrom, p.ValidUntil }) : ProblemResults.NotFound(http))
            .Validated<PackageInput>()
            .RequireAuthorization(Permissions.ManagePackages)
            .WithSummary("修改服务包名称、简介和有效期");

        api.MapPost("/{id:guid}/items", async (Guid id, ClaimRequest body, HttpContext http, PackageHandler packages) =>
                body.ItemId is { } itemId && await packages.AddItemAsync(http.User, id, itemId) is { } p
                    ? Results.Ok(new { p.Id, Items = p.ItemCount }) : ProblemResults.NotFound(http))
            .RequireAuthorization(Permissions.ManagePackages)
            .WithSummary("向服务包加入一个已发布的服务项目（itemId）");

        api.MapDelete("/{id:guid}/items/{itemId:guid}", async (Guid id, Guid itemId, HttpContext http, PackageHandler packages) =>
                await packages.RemoveItemAsync(http.User, id, itemId) is { } p ? Results.Ok(new { p.Id, Items = p.ItemCount }) : ProblemResults.NotFound(http))
            .RequireAuthorization(Permissions.ManagePackages)
            .WithSummary("从服务包移出服务项目");

        api.MapPost("/{id:guid}/links", async (Guid id, PackageLinkInput input, HttpContext http, PackageHandler packages) =>
                await packages.AddLinkAsync(http.User, id, input) is { } p ? Results.Ok(new { p.Id, Items = p.ItemCount, Links = p.Entries.Count - p.ItemCount }) : ProblemResults.NotFound(http))
            .Validated<PackageLinkInput>()
            .RequireAuthorization(Permissions.ManagePackages)
            .WithSummary("服务包加入活动或政策（kind=activity|policy，targetId；活动须已发布且未结束，政策须已发布）");

        api.MapDelete("/{id:guid}/links/{kind}/{targetId:guid}", async (Guid id, string kind, Guid targetId, HttpContext http, PackageHandler packages) =>
                await packages.RemoveLinkAsync(http.User, id, kind, targetId) is { } p ? Results.Ok(new { p.Id, Items = p.ItemCount, Links = p.Entries.Count - p.ItemCount }) : ProblemResults.NotFound(http))
            .RequireAuthorization(Permissions.ManagePackages)
            .WithSummary("服务包移出活动或政策");

        api.MapPost("/{id:guid}/publish", async (Guid id, HttpContext http, PackageHandler packages) =>
                await packages.PublishAsync(http.User, id) is { } p ? Results.Ok(new { p.Id, Status = p.Status.ToString() }) : ProblemResults.NotFound(http))
            .RequireAuthorization(Permissions.ManagePackages)
            .WithSummary("发布服务包");

        api.MapPost("/{id:guid}/withdraw", async (Guid id, HttpContext http, PackageHandler packages) =>
                await packages.WithdrawAsync(http.User, id) is { } p ? Results.Ok(new { p.Id, Status = p.Status.ToString() }) : ProblemResults.NotFound(http))
            .RequireAuthorization(Permissions.ManagePackages)
            .WithSummary("撤回服务包");

        api.MapGet("/{id:guid}/uptake", async (Guid id, HttpContext http, PackageHandler packages) =>
                await packages.UptakeAsync(http.User, id) is { } u ? Results.Ok(u) : ProblemResults.NotFound(http))
            .RequireAuthorization(Permissions.ManagePackages)
            .WithSummary("服务包领取情况（按服务项目、按企业所在区县）");
    }

    public sealed record ClaimRequest(Guid? ItemId);

    private static object PackageView(PackageDetail d) => new
    {
        d.Package.Id, d.Package.Title, d.Package.Summary, d.Package.RegionCode, d.Package.ValidFrom, d.Package.ValidUntil,
        Items = d.Items.Select(i => new { i.ItemId, i.Title, i.InstitutionName, i.PriceLabel, i.Claims, Url = $"/services/{i.ItemId}" }),
        Links = d.Links.Select(l => new { l.Kind, l.TargetId, l.Title, l.Url, l.Note, l.Live }),
        ClaimedByMe = d.ClaimedByMe,
    };

    public sealed record OffShelfRequest
    {
        [System.ComponentModel.DataAnnotations.StringLength(500, ErrorMessage = "下架原因不能超过500字")]
        public string? Reason { get; init; }
    }

    private static object Status(ServiceItem i) => new { i.Id, Status = i.Status.ToString(), StatusLabel = ItemStatuses.Label(i.Status), i.PublishedVersion };

    private static async Task<ItemView> OwnViewAsync(OwnItem own, HttpContext http, ItemAttachments files)
    {
        var db = http.RequestServices.GetRequiredService<Platform.Database.AppDbContext>();
        var name = await db.Institutions.Where(i => i.Id == own.Item.InstitutionId).Select(i => i.Name).FirstAsync();
        return ItemView.Of(own.Item, name, true, await files.ListAsync(own.Item.Id), own.Pending,
            own.Pending is null ? null : await files.ListAsync(own.Pending.Id), own.LastRejectedRevision?.RejectReason);
    }
}
