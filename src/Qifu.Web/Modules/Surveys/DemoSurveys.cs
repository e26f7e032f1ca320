using Microsoft.EntityFrameworkCore;
using Qifu.Web.Modules.Surveys.Data;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Dictionaries;
using Qifu.Web.Platform.Regions;
using EnterpriseStatus = Qifu.Web.Platform.Registration.RegistrationStatus;

namespace Qifu.Web.Modules.Surveys;

/// <summary>
/// Demo surveys for Hengyang: the questionnaire 企业经营与服务需求摸排 (eight questions, every type), a closed city batch
/// (2026年第3批) answered by 15 approved demo enterprises, and an open one (2026年第4批) that the demo enterprise
/// (13807340001) has not answered yet. Runs once: does nothing when any questionnaire exists. All answers are invented.
/// </summary>
public static class DemoSurveys
{
    private static readonly string[] Trends = ["明显好转", "略有好转", "基本持平", "有所下降", "明显下降"];
    private static readonly string[] Finance = ["有，100万元以下", "有，100万至500万元", "有，500万元以上", "暂无融资需求"];
    private static readonly string[] Satisfaction = ["满意", "一般", "不满意"];
    private static readonly string[] Activities = ["银企对接会", "政策解读会", "财税培训", "数字化转型培训", "产销对接会", "", "法律体检", ""];
    private static readonly string[] Difficulties =
    [
        "原材料价格波动大，订单利润被压缩，希望多组织本地产业链配套对接。",
        "招工难，特别是熟练技工，希望平台对接职业院校定向培养。",
        "",
        "银行贷款到期续贷手续多、时间紧，希望推广无还本续贷。",
        "对研发费用加计扣除等政策不熟悉，希望有人上门辅导申报。",
        "",
        "线上销售起步阶段缺少运营人才，希望有电商培训。",
        "厂房租金偏高，希望了解园区标准厂房的优惠政策。",
    ];

    public static SurveyDefinition Definition()
    {
        static List<SurveyChoice> Choices(IEnumerable<string> labels) => labels.Select(l => new SurveyChoice { Label = l }).ToList();
        var d = new SurveyDefinition
        {
            Sections =
            [
                new SurveySection
                {
                    Title = "经营情况",
                    Questions =
                    [
                        new SurveyQuestion { Type = QuestionType.SingleChoice, Title = "与去年同期相比，企业今年的经营状况", Required = true, Options = Choices(Trends) },
                        new SurveyQuestion { Type = QuestionType.Number, Title = "企业目前在岗职工人数（人）", Required = true, Min = 0, Max = 100000 },
                        new SurveyQuestion
                        {
                            Type = QuestionType.Matrix, Title = "您对以下服务的满意程度", Required = true,
                            Rows = Choices(["融资服务", "政策宣传解读", "人才招聘服务", "政务服务效率"]), Columns = Choices(Satisfaction),
                        },
                    ],
                },
                new SurveySection
                {
                    Title = "服务需求",
                    Questions =
                    [
                        new SurveyQuestion
                        {
                            Type = QuestionType.MultipleChoice, Title = "贵企业目前最需要哪些服务", Help = "最多选择3项", Required = true, MaxChoices = 3, AllowOther = true,
                            Options = Choices(ServiceCategories.All.Select(c => c.Name)),
                        },
                        new SurveyQuestion { Type = QuestionType.SingleChoice, Title = "未来一年是否有融资需求", Required = true, Options = Choices(Finance) },
                        new SurveyQuestion { Type = QuestionType.Number, Title = "如有融资需求，预计金额（万元）", Min = 0, Max = 100000 },
                        new SurveyQuestion { Type = QuestionType.ShortText, Title = "最希望平台组织哪类活动" },
                        new SurveyQuestion { Type = QuestionType.LongText, Title = "当前经营中遇到的主要困难和对平台的建议" },
                    ],
                },
            ],
        };
        d.AssignKeys();
        d.Check();
        return d;
    }

    public static async Task SeedAsync(AppDbContext db, TimeProvider clock)
    {
        if (await db.Questionnaires.AnyAsync()) return;
        var enterprises = await db.Enterprises.AsNoTracking().Where(e => e.Status == EnterpriseStatus.Approved).OrderBy(e => e.CreatedAt).ThenBy(e => e.Name)
            .Select(e => new { e.Id, e.Name, e.RegionCode, e.IndustrySection, e.SizeClass }).ToListAsync();
        if (enterprises.Count == 0) return;
        var now = clock.GetUtcNow().UtcDateTime;
        var definition = Definition();
        var questionnaire = new Questionnaire
        {
            Id = Guid.NewGuid(), Title = "企业经营与服务需求摸排", RegionCode = RegionCodes.City, CreatedAt = now.AddDays(-60), UpdatedAt = now.AddDays(-60),
            Description = "为精准了解全市中小企业的经营状况和服务需求，市中小企业服务中心按季度开展需求摸排。填写约需5分钟，所填信息仅用于组织服务，不对外公开。",
        };
        questionnaire.SetDefinition(definition, now.AddDays(-60));
        db.Questionnaires.Add(questionnaire);

        var closed = new SurveyBatch
        {
            Id = Guid.NewGuid(), QuestionnaireId = questionnaire.Id, Title = "2026年第3批 企业需求摸排", RegionCode = RegionCodes.City,
            CreatedAt = now.AddDays(-45), UpdatedAt = now.AddDays(-20),
        };
        closed.RanBetween(now.AddDays(-44), now.AddDays(-20));
        var open = new SurveyBatch
        {
            Id = Guid.NewGuid(), QuestionnaireId = questionnaire.Id, Title = "2026年第4批 企业需求摸排", RegionCode = RegionCodes.City,
            CreatedAt = now.AddDays(-3), UpdatedAt = now.AddDays(-3), ClosesAt = now.AddDays(20),
        };
        open.Open(now.AddDays(-2));
        db.SurveyBatches.AddRange(closed, open);

        var q = definition.Questions.ToList();
        // The demo enterprise answered the closed batch; the open one waits for it (its workbench card shows 1).
        foreach (var (e, i) in enterprises.Take(15).Select((e, i) => (e, i)))
        {
            var submitted = now.AddDays(-43 + i);
            var response = new SurveyResponse
            {
                Id = Guid.NewGuid(), BatchId = closed.Id, EnterpriseId = e.Id, EnterpriseName = e.Name, RegionCode = e.RegionCode,
                IndustrySection = e.IndustrySection, SizeClass = e.SizeClass, SubmittedAt = submitted, UpdatedAt = submitted.AddHours(i % 3),
            };
            SurveyAnswer A(SurveyQuestion question, string? option = null, string? row = null, string? text = null, decimal? number = null) => new()
            {
                ResponseId = response.Id, BatchId = closed.Id, RegionCode = e.RegionCode, IndustrySection = e.IndustrySection, SizeClass = e.SizeClass,
                QuestionKey = question.Key, OptionKey = option, RowKey = row, Text = text, Number = number,
            };
            var answers = new List<SurveyAnswer>
            {
                A(q[0], q[0].Options[new[] { 1, 2, 2, 3, 1, 0, 2, 3, 2, 1, 4, 2, 1, 2, 3 }[i]].Key),
                A(q[1], number: new[] { 128, 36, 58, 95, 31, 45, 67, 320, 4, 12, 26, 48, 16, 68, 140 }[i]),
            };
            foreach (var (row, r) in q[2].Rows.Select((row, r) => (row, r)))
                answers.Add(A(q[2], q[2].Columns[(i + r * 2) % 5 == 4 ? 2 : (i + r) % 3 == 0 ? 1 : 0].Key, row.Key));
            var needs = new[] { 4, (i * 3 + 1) % 8, (i + 6) % 8 }.Distinct().Take(i % 3 == 2 ? 2 : 3).ToList();
            answers.AddRange(needs.Select(n => A(q[3], q[3].Options[n].Key)));
            if (i % 5 == 3) answers.Add(A(q[3], SurveyDefinition.OtherKey, text: "厂房和用地"));
            var finance = i % 4 == 3 ? 3 : i % 3;
            answers.Add(A(q[4], q[4].Options[finance].Key));
            if (finance < 3) answers.Add(A(q[5], number: new[] { 80m, 300m, 800m }[finance] + i * 10));
            if (Activities[i % Activities.Length] is { Length: > 0 } act) answers.Add(A(q[6], text: act));
            if (Difficulties[i % Difficulties.Length] is { Length: > 0 } difficulty) answers.Add(A(q[7], text: difficulty));
            response.Answers = answers;
            db.SurveyResponses.Add(response);
        }
        await db.SaveChangesAsync();
    }
}
