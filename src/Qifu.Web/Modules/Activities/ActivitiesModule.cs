using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Accounts;
using Qifu.Web.Modules.Activities.Browse;
using Qifu.Web.Modules.Activities.CheckIn;
using Qifu.Web.Modules.Activities.Data;
using Qifu.Web.Modules.Activities.Organise;
using Qifu.Web.Modules.Activities.Register;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Errors;
using Qifu.Web.Platform.Files;
using Qifu.Web.Platform.Jobs;
using Qifu.Web.Platform.Regions;
using Qifu.Web.Platform.Standards;

namespace Qifu.Web.Modules.Activities;

public static class ActivitiesModule
{
    /// <summary>The entity type of this module's audit entries (操作日志).</summary>
    public const string AuditEntityType = "活动";

    public static IServiceCollection AddActivities(this IServiceCollection services)
    {
        services.AddScoped<ActivityAccess>();
        services.AddScoped<OrganiseHandler>();
        services.AddScoped<RegistrationHandler>();
        services.AddScoped<CheckInHandler>();
        services.AddScoped<PublicActivities>();
        services.AddScoped<ActivityWorkbench>();
        services.AddSingleton<RegistrationCodes>();
        services.AddSingleton<Search.ISearchSource, ActivitySearchSource>();
        services.AddScheduledWork<ReminderJob>("activity-reminders", TimeSpan.FromMinutes(30));
        return services;
    }

    private static readonly AuthorizeAttribute SignedIn = new() { AuthenticationSchemes = AccountsModule.ApiScheme };

    public static IEndpointRouteBuilder MapActivities(this IEndpointRouteBuilder app)
    {
        // Calendar file and QR image: plain GETs the pages link to.
        app.MapGet("/activities/{id:guid}/calendar.ics", async (Guid id, HttpContext http, PublicActivities activities, TimeProvider clock) =>
            {
                if (await activities.FindAsync(id) is not { } a) return ProblemResults.NotFound(http);
                var ics = ActivityCalendar.Ics(a, clock.GetUtcNow().UtcDateTime, $"{http.Request.Scheme}://{http.Request.Host}");
                return Results.File(System.Text.Encoding.UTF8.GetBytes(ics), "text/calendar; charset=utf-8", $"activity-{a.Id:N}.ics");
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
        app.MapGet("/activities/registrations/{rid:long}/qr.svg", async (long rid, HttpContext http, RegistrationHandler registrations, RegistrationCodes codes) =>
            {
                var r = await registrations.Own(http.User).AsNoTracking().Where(x => x.Id == rid).Select(x => new { x.Id, x.Code }).FirstOrDefaultAsync();
                return r is null ? ProblemResults.NotFound(http) : Results.Text(RegistrationCodes.QrSvg(codes.Token(r.Id, r.Code)), "image/svg+xml");
            })
            .RequireAuthorization(Permissions.ActAsEnterprise)
            .ExcludeFromDescription();
        app.MapGet("/manage/activities/{id:guid}/files/{fileId:guid}", async (Guid id, Guid fileId, HttpContext http, OrganiseHandler organise, FileStore store) =>
            {
                if (await organise.FindManagedAsync(http.User, id) is null) return ProblemResults.NotFound(http);
                var file = (await organise.EvidenceAsync(id)).FirstOrDefault(f => f.Id == fileId);
                if (file is null || store.Open(file) is not { } stream) return ProblemResults.NotFound(http);
                http.Response.Headers.ContentSecurityPolicy = "sandbox";
                return Results.Stream(stream, file.ContentType, file.FileName);
            })
            .RequireAuthorization(Permissions.ManageActivities)
            .ExcludeFromDescription();

        var api = app.MapGroup("/api/v1/activities").WithTags("活动");

        api.MapGet("/", async ([AsParameters] ActivityFilter filter, PublicActivities activities) => Results.Ok(await activities.ListAsync(filter)))
            .AllowAnonymous()
            .WithSummary("活动列表（公开；type 类型、region 区县、when=upcoming|past、publicInterest 公益、page 分页）");

        api.MapGet("/{id:guid}", async (Guid id, HttpContext http, PublicActivities activities, TimeProvider clock) =>
                await activities.FindAsync(id) is { } a ? Results.Ok(PublicActivities.View(a, clock.GetUtcNow().UtcDateTime)) : ProblemResults.NotFound(http))
            .AllowAnonymous()
            .WithSummary("活动详情（公开；含剩余名额）");

        api.MapPost("/{id:guid}/registrations", async (Guid id, RegistrationInput input, HttpContext http, RegistrationHandler registrations) =>
                await registrations.RegisterAsync(http.User, id, input) is { } r
                    ? Results.Created($"/api/v1/activities/registrations/{r.Id}", OwnView(r)) : ProblemResults.NotFound(http))
            .Validated<RegistrationInput>()
            .RequireAuthorization(Permissions.ActAsEnterprise)
            .WithSummary("企业报名（attendees 参会人1至5名，answers 按顺序回答报名问题；名额满时进入候补，status=Waitlisted）");

        api.MapGet("/registrations/mine", async (HttpContext http, RegistrationHandler registrations) =>
                Results.Ok((await registrations.Own(http.User).AsNoTracking().Include(r => r.Attendees).OrderByDescending(r => r.Id).Take(200).ToListAsync())
                    .Select(OwnView)))
            .RequireAuthorization(Permissions.ActAsEnterprise)
            .WithSummary("本企业的活动报名");

        api.MapGet("/registrations/{rid:long}", async (long rid, HttpContext http, RegistrationHandler registrations, RegistrationCodes codes) =>
                await registrations.Own(http.User).AsNoTracking().Include(r => r.Attendees).FirstOrDefaultAsync(r => r.Id == rid) is { } r
                    ? Results.Ok(new { Registration = OwnView(r), Token = codes.Token(r.Id, r.Code), Qr = $"/activities/registrations/{r.Id}/qr.svg" })
                    : ProblemResults.NotFound(http))
            .RequireAuthorization(Permissions.ActAsEnterprise)
            .WithSummary("本企业的一条报名（含签到二维码的签名令牌）");

        api.MapPost("/registrations/{rid:long}/cancel", async (long rid, HttpContext http, RegistrationHandler registrations) =>
                await registrations.CancelAsync(http.User, rid) is { } r ? Results.Ok(OwnView(r)) : ProblemResults.NotFound(http))
            .RequireAuthorization(Permissions.ActAsEnterprise)
            .WithSummary("取消报名（报名截止前；空出的名额自动给最早的候补）");

        api.MapPost("/registrations/{rid:long}/feedback", async (long rid, FeedbackInput input, HttpContext http, RegistrationHandler registrations) =>
                await registrations.FeedbackAsync(http.User, rid, input) is { } r ? Results.Ok(OwnView(r)) : ProblemResults.NotFound(http))
            .Validated<FeedbackInput>()
            .RequireAuthorization(Permissions.ActAsEnterprise)
            .WithSummary("活动评价（签到后，每次报名一次；level 1至5，comment 不超过500字）");

        api.MapGet("/managed", async ([AsParameters] ManagedFilter filter, HttpContext http, OrganiseHandler organise) =>
            {
                var page = await organise.ListManagedAsync(http.User, filter);
                return Results.Ok(new { page.Total, page.Page, page.PageSize, Items = page.Items.Select(ManagedView) });
            })
            .RequireAuthorization(Permissions.ManageActivities)
            .WithSummary("本人可管理的活动（运营按数据范围，机构为本机构的）");

        api.MapGet("/managed/{id:guid}", async (Guid id, HttpContext http, OrganiseHandler organise) =>
                await organise.FindManagedAsync(http.User, id) is { } a ? Results.Ok(ManagedView(a)) : ProblemResults.NotFound(http))
            .RequireAuthorization(Permissions.ManageActivities)
            .WithSummary("可管理的一个活动（含草稿与待审核）");

        api.MapPost("/", async (ActivityRequest request, HttpContext http, OrganiseHandler organise) =>
            {
                var a = await organise.CreateAsync(http.User, request, request.Publish);
                return Results.Created($"/api/v1/activities/managed/{a.Id}", ManagedView(a));
            })
            .Validated<ActivityRequest>()
            .RequireAuthorization(Permissions.ManageActivities)
            .WithSummary("新建活动（时间为北京时间；publish=true 时运营直接发布、机构提交审核）");

        api.MapPut("/{id:guid}", async (Guid id, ActivityRequest request, HttpContext http, OrganiseHandler organise) =>
                await organise.UpdateAsync(http.User, id, request) is { } a ? Results.Ok(ManagedView(a)) : ProblemResults.NotFound(http))
            .Validated<ActivityRequest>()
            .RequireAuthorization(Permissions.ManageActivities)
            .WithSummary("修改活动（扩大名额时自动为候补转正）");

        api.MapPost("/{id:guid}/publish", async (Guid id, HttpContext http, OrganiseHandler organise) =>
                await organise.PublishAsync(http.User, id) is { } a ? Results.Ok(ManagedView(a)) : ProblemResults.NotFound(http))
            .RequireAuthorization(Permissions.ManageActivities)
            .WithSummary("发布活动（运营）或提交审核（机构）");

        api.MapPost("/{id:guid}/approve", async (Guid id, HttpContext http, OrganiseHandler organise) =>
                await organise.ApproveAsync(http.User, id) is { } a ? Results.Ok(ManagedView(a)) : ProblemResults.NotFound(http))
            .RequireAuthorization(Permissions.ReviewActivities)
            .WithSummary("机构提议的活动审核通过并发布");

        api.MapPost("/{id:guid}/reject", async (Guid id, ReasonInput input, HttpContext http, OrganiseHandler organise) =>
                await organise.RejectAsync(http.User, id, input.Reason) is { } a ? Results.Ok(ManagedView(a)) : ProblemResults.NotFound(http))
            .Validated<ReasonInput>()
            .RequireAuthorization(Permissions.ReviewActivities)
            .WithSummary("驳回机构提议的活动（须填写原因）");

        api.MapPost("/{id:guid}/cancel", async (Guid id, ReasonInput input, HttpContext http, OrganiseHandler organise) =>
                await organise.CancelAsync(http.User, id, input.Reason) is { } a ? Results.Ok(ManagedView(a)) : ProblemResults.NotFound(http))
            .Validated<ReasonInput>()
            .RequireAuthorization(Permissions.ManageActivities)
            .WithSummary("取消活动（已发布的须填写原因，并通知已报名企业）");

        api.MapGet("/{id:guid}/registrations", async (Guid id, HttpContext http, OrganiseHandler organise) =>
                await organise.RegistrationsAsync(http.User, id) is { } list
                    ? Results.Ok(list.Items.Select(r => ManagerView(r, list.Questions))) : ProblemResults.NotFound(http))
            .RequireAuthorization(Permissions.ManageActivities)
            .WithSummary("活动的报名与签到名单（手机号已脱敏；answers 为报名问题及企业的回答）");

        api.MapGet("/{id:guid}/registrations.xlsx", async (Guid id, HttpContext http, OrganiseHandler organise) =>
                await organise.RegistrationsAsync(http.User, id) is { } list
                    ? Results.File(RegistrationExport.Xlsx(list), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"活动报名签到-{id:N}.xlsx")
                    : ProblemResults.NotFound(http))
            .RequireAuthorization(Permissions.ManageActivities)
            .WithSummary("导出报名与签到名单（xlsx）");

        api.MapPost("/{id:guid}/registrations/{rid:long}/approve", async (Guid id, long rid, HttpContext http, OrganiseHandler organise) =>
                await organise.DecideRegistrationAsync(http.User, id, rid, true, null) is { } r ? Results.Ok(ManagerView(r)) : ProblemResults.NotFound(http))
            .RequireAuthorization(Permissions.ManageActivities)
            .WithSummary("人工审核报名：通过");

        api.MapPost("/{id:guid}/registrations/{rid:long}/reject", async (Guid id, long rid, ReasonInput input, HttpContext http, OrganiseHandler organise) =>
                await organise.DecideRegistrationAsync(http.User, id, rid, false, input.Reason) is { } r ? Results.Ok(ManagerView(r)) : ProblemResults.NotFound(http))
            .Validated<ReasonInput>()
            .RequireAuthorization(Permissions.ManageActivities)
            .WithSummary("人工审核报名：不通过（须填写原因；名额转给候补）");

        api.MapPost("/{id:guid}/evidence", async (Guid id, HttpContext http, OrganiseHandler organise) =>
            {
                if (!http.Request.HasFormContentType)
                    throw new RuleViolationException("FORM_REQUIRED", "请以 multipart/form-data 提交活动总结和照片", null, StatusCodes.Status415UnsupportedMediaType);
                var form = await http.Request.ReadFormAsync(http.RequestAborted);
                if (await organise.SaveEvidenceAsync(http.User, id, form["summary"], form.Files.GetFiles("photos"), form.Files.GetFiles("documents")) is not { } a)
                    return ProblemResults.NotFound(http);
                var files = await organise.EvidenceAsync(id);
                return Results.Ok(new
                {
                    Activity = ManagedView(a),
                    Files = files.Select(f => new { f.Id, f.FileName, f.Purpose, f.Size, f.ContentType, Url = $"/manage/activities/{id}/files/{f.Id}" }),
                });
            })
            .DisableAntiforgery()
            .RequireAuthorization(Permissions.ManageActivities)
            .WithSummary("上传活动总结与照片（活动开始后；multipart/form-data：summary 总结10至5000字，photos 照片JPG/PNG累计最多9张，documents 总结材料PDF一份；与管理页面相同的检查）");

        api.MapGet("/today", async (HttpContext http, CheckInHandler checkIn) => Results.Ok((await checkIn.TodayAsync(http.User)).Select(ManagedView)))
            .RequireAuthorization(Permissions.CheckInActivities)
            .WithSummary("今天可签到的活动（本人负责范围内，与现场签到页面相同）");

        api.MapPost("/{id:guid}/check-ins", async (Guid id, CheckInInput input, HttpContext http, CheckInHandler checkIn) =>
                await checkIn.CheckInAsync(http.User, id, input.Code) is { } r
                    ? Results.Ok(new { r.Message, Registration = ManagerView(r.Registration) }) : ProblemResults.NotFound(http))
            .Validated<CheckInInput>()
            .RequireAuthorization(Permissions.CheckInActivities)
            .WithSummary("签到（code 为报名码或二维码内容；重复签到返回409并给出首次签到时间）");

        api.MapPost("/{id:guid}/walk-ins", async (Guid id, WalkInInput input, HttpContext http, CheckInHandler checkIn) =>
                await checkIn.WalkInAsync(http.User, id, input) is { } r
                    ? Results.Ok(new { r.Message, Registration = ManagerView(r.Registration) }) : ProblemResults.NotFound(http))
            .Validated<WalkInInput>()
            .RequireAuthorization(Permissions.CheckInActivities)
            .WithSummary("现场登记并签到");
        return app;
    }

    public static object OwnView(ActivityRegistration r) => new
    {
        r.Id, r.ActivityId, r.EnterpriseName, Status = r.Status.ToString(), StatusLabel = ActivityLabels.Label(r.Status), r.Code, r.Seats,
        Attendees = r.Attendees.Select(a => new { a.Name, a.Phone, a.Position }), r.CreatedAt, r.PromotedAt, r.CancelledAt, r.CheckedInAt,
        Feedback = r.Feedback?.ToString(), FeedbackLabel = r.Feedback is { } f ? ActivityLabels.Label(f) : null, r.FeedbackComment,
    };

    /// <summary>A registration as the organiser sees it; with the activity's questions, the answers to them (the list gives them).</summary>
    public static object ManagerView(ActivityRegistration r, IReadOnlyList<string>? questions = null) => new
    {
        r.Id, r.EnterpriseName, Status = r.Status.ToString(), StatusLabel = ActivityLabels.Label(r.Status), r.Code, r.Seats, r.IsWalkIn,
        Attendees = r.Attendees.Select(a => new { Name = a.Name, Phone = PhoneNumber.Mask(a.Phone), a.Position }), r.CreatedAt, r.CheckedInAt,
        Feedback = r.Feedback?.ToString(), r.FeedbackComment, Answers = questions is null ? null : r.AnswersTo(questions),
    };

    public static object ManagedView(Activity a) => new
    {
        a.Id, Type = a.Type.ToString(), TypeLabel = ActivityLabels.Label(a.Type), a.Title, a.OrganiserName, a.InstitutionId, a.RegionCode,
        a.StartsAt, a.EndsAt, a.Venue, a.OnlineLink, a.Capacity, a.Reserved, a.Taken, a.SeatsLeft, a.RegistrationOpensAt, a.RegistrationClosesAt,
        Questions = a.QuestionList, a.RequiresApproval, a.WithoutWaitlist, a.IsPublicInterest, Status = a.Status.ToString(), StatusLabel = ActivityLabels.Label(a.Status),
        a.RejectReason, a.CancelReason, a.Summary,
    };
}
