namespace Qifu.Web.Platform.Notifications;

public sealed record NotificationRoute(string Topic, string TopicLabel, Audience Audience, Channel Channel);

/// <summary>
/// The routing table (transition × audience × channel). Kept in code so a change is reviewed and tested; operators see it
/// read-only at /admin/notifications. Topics are "module.step".
/// </summary>
public static class NotificationRoutes
{
    public static readonly NotificationRoute[] All = Build(
        ("item.submitted", "服务项目提交审核", [(Audience.CountyOperator, Channel.Inbox)]),
        ("item.approved", "服务项目审核通过", [(Audience.Institution, Channel.Inbox)]),
        ("item.rejected", "服务项目被驳回", [(Audience.Institution, Channel.Inbox), (Audience.Institution, Channel.Sms)]),
        ("item.off-shelf", "服务项目被运营下架", [(Audience.Institution, Channel.Inbox), (Audience.Institution, Channel.Sms)]),
        ("request.submitted", "收到服务申请", [(Audience.Institution, Channel.Inbox), (Audience.Institution, Channel.Sms)]),
        ("request.accepted", "服务申请已受理", [(Audience.Enterprise, Channel.Inbox), (Audience.Enterprise, Channel.Sms)]),
        ("request.declined", "服务申请未被受理", [(Audience.Enterprise, Channel.Inbox), (Audience.Enterprise, Channel.Sms)]),
        ("request.withdrawn", "企业撤回服务申请", [(Audience.Institution, Channel.Inbox)]),
        ("request.progress", "服务进展更新", [(Audience.Enterprise, Channel.Inbox)]),
        ("request.completed", "服务已办结待确认", [(Audience.Enterprise, Channel.Inbox), (Audience.Enterprise, Channel.Sms)]),
        ("request.reopened", "服务申请被重新打开", [(Audience.Institution, Channel.Inbox), (Audience.Institution, Channel.Sms)]),
        ("request.confirmed", "企业确认办结", [(Audience.Institution, Channel.Inbox)]),
        ("request.evaluated", "收到服务评价", [(Audience.Institution, Channel.Inbox)]),
        ("request.closed-unrated", "服务申请未评价关闭", [(Audience.Enterprise, Channel.Inbox), (Audience.Institution, Channel.Inbox)]),
        ("request.overdue", "服务申请超期", [(Audience.Institution, Channel.Inbox), (Audience.Institution, Channel.Sms), (Audience.CountyOperator, Channel.Inbox)]),
        ("evaluation.bad", "差评待回访", [(Audience.CountyOperator, Channel.Inbox), (Audience.CountyOperator, Channel.Sms), (Audience.Institution, Channel.Inbox)]),
        ("evaluation.hidden", "评价内容未通过审核", [(Audience.Enterprise, Channel.Inbox)]),
        ("evaluation.replied", "机构回复了评价", [(Audience.Enterprise, Channel.Inbox)]),
        ("evaluation.appealed", "机构对评价提出申诉", [(Audience.CityOperators, Channel.Inbox)]),
        ("evaluation.appeal-decided", "评价申诉已裁定", [(Audience.Institution, Channel.Inbox), (Audience.Enterprise, Channel.Inbox)]),
        ("article.submitted", "区县文章待市级审核", [(Audience.CityOperators, Channel.Inbox)]),
        ("article.rejected", "区县文章被驳回", [(Audience.CountyOperator, Channel.Inbox)]),
        ("policy.matched", "新政策适用于本企业", [(Audience.Enterprise, Channel.Inbox)]),
        ("policy.closing", "政策申报即将截止", [(Audience.Enterprise, Channel.Inbox)]),
        ("activity.proposed", "机构提议活动待审核", [(Audience.CountyOperator, Channel.Inbox)]),
        ("activity.approved", "活动审核通过", [(Audience.Institution, Channel.Inbox)]),
        ("activity.rejected", "活动未通过审核", [(Audience.Institution, Channel.Inbox), (Audience.Institution, Channel.Sms)]),
        ("activity.promoted", "活动候补转正", [(Audience.Enterprise, Channel.Inbox), (Audience.Enterprise, Channel.Sms)]),
        ("activity.registration-approved", "活动报名审核通过", [(Audience.Enterprise, Channel.Inbox)]),
        ("activity.registration-rejected", "活动报名未通过", [(Audience.Enterprise, Channel.Inbox)]),
        ("activity.cancelled", "活动取消", [(Audience.Enterprise, Channel.Inbox), (Audience.Enterprise, Channel.Sms)]),
        ("activity.reminder", "活动前一天提醒", [(Audience.Enterprise, Channel.Inbox), (Audience.Enterprise, Channel.Sms)]),
        ("need.submitted", "企业需求待审核", [(Audience.CountyOperator, Channel.Inbox)]),
        ("need.approved", "企业需求审核通过", [(Audience.Enterprise, Channel.Inbox)]),
        ("need.rejected", "企业需求未通过审核", [(Audience.Enterprise, Channel.Inbox), (Audience.Enterprise, Channel.Sms)]),
        ("need.proposed", "需求收到新方案", [(Audience.Enterprise, Channel.Inbox)]),
        ("need.picked", "方案被企业选中", [(Audience.Institution, Channel.Inbox), (Audience.Institution, Channel.Sms)]),
        ("need.not-picked", "方案未被选中", [(Audience.Institution, Channel.Inbox)]),
        ("need.closed", "企业关闭需求", [(Audience.Institution, Channel.Inbox)]),
        ("need.dispatched", "运营派单", [(Audience.Institution, Channel.Inbox), (Audience.Institution, Channel.Sms)]),
        ("need.follow-up", "需求无人响应待跟进", [(Audience.CountyOperator, Channel.Inbox)]),
        ("need.expired", "需求已过期", [(Audience.Enterprise, Channel.Inbox)]),
        ("survey.opened", "需求摸排问卷开始填写", [(Audience.Enterprise, Channel.Inbox)]),
        ("loan.submitted", "续贷申请已提交", [(Audience.Enterprise, Channel.Inbox), (Audience.CountyOperator, Channel.Inbox)]),
        ("loan.documents", "续贷补正材料已上传", [(Audience.Enterprise, Channel.Inbox)]),
        ("loan.resubmitted", "续贷申请补正后重新提交", [(Audience.Enterprise, Channel.Inbox), (Audience.CountyOperator, Channel.Inbox)]),
        ("loan.returned", "续贷申请退回补正", [(Audience.Enterprise, Channel.Inbox), (Audience.Enterprise, Channel.Sms)]),
        ("loan.accepted", "续贷申请已受理", [(Audience.Enterprise, Channel.Inbox)]),
        ("loan.forwarded", "续贷申请已推送银行", [(Audience.Enterprise, Channel.Inbox), (Audience.Institution, Channel.Inbox), (Audience.Institution, Channel.Sms)]),
        ("loan.due-diligence", "银行开展续贷尽职调查", [(Audience.Enterprise, Channel.Inbox)]),
        ("loan.approved", "银行批准续贷", [(Audience.Enterprise, Channel.Inbox), (Audience.Enterprise, Channel.Sms), (Audience.CountyOperator, Channel.Inbox)]),
        ("loan.rejected", "银行未批准续贷", [(Audience.Enterprise, Channel.Inbox), (Audience.Enterprise, Channel.Sms), (Audience.CountyOperator, Channel.Inbox)]),
        ("loan.disbursed", "续贷完成", [(Audience.Enterprise, Channel.Inbox), (Audience.CountyOperator, Channel.Inbox)]),
        ("loan.withdrawn", "企业撤回续贷申请", [(Audience.Enterprise, Channel.Inbox), (Audience.CountyOperator, Channel.Inbox), (Audience.Institution, Channel.Inbox)]));

    public static IEnumerable<NotificationRoute> For(string topic) => All.Where(r => r.Topic == topic);

    public static string AudienceLabel(Audience a) => a switch
    {
        Audience.Enterprise => "申请企业",
        Audience.Institution => "服务机构",
        Audience.CountyOperator => "属地区县运营",
        Audience.CityOperators => "市级运营",
        _ => a.ToString(),
    };

    public static string ChannelLabel(Channel c) => c switch
    {
        Channel.Inbox => "站内信",
        Channel.Sms => "短信",
        Channel.Email => "电子邮件",
        _ => c.ToString(),
    };

    private static NotificationRoute[] Build(params (string Topic, string Label, (Audience, Channel)[] To)[] rows) =>
        rows.SelectMany(r => r.To.Select(t => new NotificationRoute(r.Topic, r.Label, t.Item1, t.Item2))).ToArray();
}
