using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Qifu.BrowserTests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Qifu.BrowserTests.Journeys;

/// <summary>
/// 服务超市 end to end (issue 3, "Tests"): an enterprise searches 融资, filters by its county, requests an item, the
/// institution accepts and completes it, the enterprise evaluates it 2 stars (不满意), the county operator sees the
/// follow-up (差评回访) and records a call-back; the other county's operator does not see it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MarketplaceJourneyTests(BrowserApp app)
{
    // The demo accounts (src/Qifu.Web/Platform/Demo/DemoData.cs): 13807340001 is 衡阳恒远机械制造有限公司 (王建国), approved, in 珠晖区.
    private const string EnterpriseName = "衡阳恒远机械制造有限公司";
    private const string EnterpriseContact = "王建国";
    private const string EnterpriseRegion = "珠晖区";

    /// <summary>The two demo institutions of 珠晖区 that offer financing, with their sign-in phones.</summary>
    private static readonly (string Name, string Phone)[] FinancingInstitutions =
    [
        ("湖南衡信会计师事务所有限公司", TestData.DemoInstitution),
        ("衡阳农村商业银行股份有限公司珠晖支行", "13707340002"),
    ];

    private const string SharedFields = "企业名称、联系人、联系电话、需求描述和附件";
    private const string Need = "公司一笔300万元流动资金贷款下月到期，希望了解续贷条件、所需材料和办理时间。";
    private const string AcceptNote = "已安排客户经理对接，三个工作日内上门了解经营情况。";
    private const string ProgressNote = "已与企业财务负责人电话沟通，收到近两年的财务报表，正在测算授信额度。";
    private const string ProgressStatusNote = "正在测算授信额度";
    private const string CompletionNote = "已出具续贷方案并完成与合作银行的对接。";
    private const string Comment = "受理后一周才联系，方案和我们的实际情况不太相符，办理时间比承诺的长。";
    private const string CallbackNote = "已电话回访企业财务负责人，机构承诺重新安排客户经理上门，企业表示会继续观察。";
    private const string CallbackOutcome = "部分解决，机构继续跟进";

    [Fact]
    public Task An_enterprise_finds_and_requests_a_financing_service_rates_it_badly_and_its_county_follows_it_up() =>
        Journey.RunAsync(app, "g-market", async journey =>
        {
            // ---------------------------------------------------------------- 1. search 融资, filter by the county
            var enterprise = await journey.AsAsync("enterprise");
            var page = enterprise.Page;
            var layout = new Layout(page);
            var signIn = new SignInPage(page);
            await signIn.OpenAsync();
            await Accessibility.CheckAsync(enterprise, "signin");
            await signIn.SignInAsync(TestData.ApprovedEnterprise, TestData.DemoPassword);
            await Expect(page).ToHaveURLAsync(new Regex("/workbench$"));
            await Expect(layout.WorkbenchLink).ToContainTextAsync(EnterpriseContact);
            await Accessibility.CheckAsync(enterprise, "workbench-enterprise");

            await new HeaderSearchBox(page).SearchAsync("融资");
            Assert.Equal("/search?q=融资", Uri.UnescapeDataString(new Uri(page.Url).PathAndQuery));
            var search = new SearchResultsPage(page);
            await WaitForIndexAsync(search, page);
            await Expect(search.Heading).ToHaveTextAsync("全站搜索");
            await Expect(page).ToHaveTitleAsync(new Regex("^搜索：融资 - "));
            await Expect(search.Box).ToHaveValueAsync("融资");
            await Expect(search.Count).ToHaveTextAsync(new Regex(@"^找到约 \d+ 条结果$"));
            var total = ResultCount(await search.Count.InnerTextAsync());
            Assert.True(total > 0, "搜索“融资”应有结果");
            await Expect(search.Hits.First).ToBeVisibleAsync();
            // The words are highlighted in what the user reads (title or snippet).
            await Expect(search.Highlights.Filter(new() { HasTextString = "融资" }).First).ToBeVisibleAsync();
            await Expect(search.Facet("服务类别")).ToBeVisibleAsync();
            await Expect(search.Facet("服务区域")).ToBeVisibleAsync();
            await Expect(search.FacetValue("服务区域", EnterpriseRegion)).ToBeVisibleAsync();
            await Expect(search.ChipList).ToHaveCountAsync(0);
            await Accessibility.CheckAsync(enterprise, "search-financing");

            await search.ChooseAsync("服务区域", EnterpriseRegion);
            Assert.Equal("/search?q=融资&region=430405", Uri.UnescapeDataString(new Uri(page.Url).PathAndQuery));
            await Expect(search.Chip("服务区域", EnterpriseRegion)).ToBeVisibleAsync();
            await Expect(search.Chip("服务区域", EnterpriseRegion)).ToContainTextAsync("服务区域：" + EnterpriseRegion);
            await Expect(search.SelectedFacetValue("服务区域", EnterpriseRegion)).ToHaveAttributeAsync("aria-current", "true");
            await Expect(search.ClearFilters).ToBeVisibleAsync();
            await Expect(search.Box).ToHaveValueAsync("融资");
            var filtered = ResultCount(await search.Count.InnerTextAsync());
            Assert.InRange(filtered, 1, total);
            await Accessibility.CheckAsync(enterprise, "search-financing-zhuhui");

            // A service item (not an institution) of one of the two financing institutions that the filter returns.
            var itemHits = search.Hits.Filter(new() { Has = page.GetByRole(AriaRole.Heading).Filter(new() { HasTextString = "服务项目" }) });
            ILocator? hit = null;
            var (institution, institutionPhone) = ("", "");
            foreach (var (name, phone) in FinancingInstitutions)
            {
                var candidates = itemHits.Filter(new() { HasTextString = name });
                if (await candidates.CountAsync() == 0) continue;
                hit = candidates.First;
                (institution, institutionPhone) = (name, phone);
                break;
            }
            if (hit is null)
                Assert.Fail("筛选珠晖区后第一页没有这两家机构的服务项目：\n" + string.Join("\n", await search.Hits.AllInnerTextsAsync()));
            var title = (await SearchResultsPage.TitleLink(hit).InnerTextAsync()).Trim();
            await search.OpenHitAsync(hit);

            // ---------------------------------------------------------------- 2. the item, 申请服务, the separate consent
            var item = new ServiceItemPage(page);
            await Expect(page).ToHaveURLAsync(new Regex(@"/services/[0-9a-f-]{36}$"));
            await Expect(item.Heading).ToHaveTextAsync(title);
            await Expect(item.Detail("服务机构")).ToHaveTextAsync(institution);
            await Expect(item.Detail("服务区域")).ToContainTextAsync(EnterpriseRegion);
            await Expect(item.ApplyLink).ToBeVisibleAsync();
            await Accessibility.CheckAsync(enterprise, "service-item");
            var itemId = item.Id;
            await item.ApplyAsync();

            var form = new RequestServicePage(page);
            var formPath = RequestServicePage.PathFor(itemId);
            await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(formPath) + "$"));
            await Expect(form.Heading).ToHaveTextAsync("申请服务");
            await Expect(form.Detail("服务项目")).ToHaveTextAsync(title);
            await Expect(form.Detail("服务机构")).ToHaveTextAsync(institution);
            await Expect(form.ContactName).ToHaveValueAsync(EnterpriseContact);
            // The consent is separate from the form, names the recipient and exactly the fields it receives.
            await Expect(form.ConsentBlock.GetByText("接收方")).ToBeVisibleAsync();
            await Expect(form.Detail("接收方")).ToContainTextAsync(institution);
            await Expect(form.Detail("提供的信息")).ToHaveTextAsync("企业名称、联系人、联系电话、需求描述、附件");
            await Expect(form.Consent).ToHaveAccessibleNameAsync(new Regex($"^我单独同意向{Regex.Escape(institution)}提供上述{SharedFields}"));
            await Expect(form.Consent).Not.ToBeCheckedAsync();
            await Accessibility.CheckAsync(enterprise, "request-form");

            // Submitted without the consent (and without the need): nothing is sent, each error is next to its field.
            // Once in normal mode and once in 长辈版: the answer to the POST is its own page state.
            enterprise.ExpectDocumentStatus(400);
            foreach (var elder in new[] { false, true })
            {
                if (elder)
                {
                    await page.GotoAsync(formPath);
                    await layout.SwitchToElderModeAsync();
                    await Expect(form.Heading).ToHaveTextAsync("申请服务");
                }
                Assert.Equal(400, await form.SubmitAsync());
                await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(formPath) + "$"));
                await Expect(form.ErrorNextTo(form.Consent)).ToContainTextAsync($"请勾选同意向{institution}提供");
                await Expect(form.ErrorNextTo(form.Need)).ToHaveTextAsync("请填写需求描述");
                // A screen reader hears the message with the field it belongs to.
                await Expect(form.Consent).ToHaveAttributeAsync("aria-invalid", "true");
                await Expect(form.Consent).ToHaveAccessibleDescriptionAsync(new Regex($"请勾选同意向{Regex.Escape(institution)}提供"));
                await Expect(form.Need).ToHaveAccessibleDescriptionAsync(new Regex("请填写需求描述"));
                await Expect(form.ErrorSummary).ToContainTextAsync($"请勾选同意向{institution}提供");
                await Expect(form.Consent).Not.ToBeCheckedAsync();
                await Expect(form.ContactName).ToHaveValueAsync(EnterpriseContact);
                Assert.Equal(elder, await Accessibility.IsElderAsync(page));
                await Accessibility.CheckCurrentModeAsync(enterprise, "request-form-no-consent");
            }
            await page.GotoAsync(formPath);
            await layout.LeaveElderModeAsync();

            await form.Need.FillAsync(Need);
            await form.Consent.CheckAsync();
            Assert.Equal(302, await form.SubmitAsync());

            var mine = new EnterpriseRequestPage(page);
            await Expect(page).ToHaveURLAsync(new Regex(@"/enterprise/requests/[0-9a-f-]{36}$"));
            var requestUrl = page.Url;
            await Expect(layout.Flash).ToContainTextAsync("服务申请已提交，申请编号");
            await Expect(mine.Heading).ToHaveTextAsync(title);
            await Expect(mine.Status).ToContainTextAsync("已提交");
            await Expect(mine.Number).ToHaveTextAsync(new Regex("^FW[0-9A-Z]+$"));
            var number = (await mine.Number.InnerTextAsync()).Trim();
            await Expect(layout.Flash).ToContainTextAsync(number);
            await Expect(mine.Detail("服务机构")).ToHaveTextAsync(institution);
            await Expect(mine.Detail("申请企业")).ToContainTextAsync(EnterpriseName);
            await Expect(mine.Detail("需求描述")).ToHaveTextAsync(Need);
            await Expect(mine.Detail("预计办结日期")).ToHaveTextAsync("受理后确定");
            await Accessibility.CheckAsync(enterprise, "my-request-submitted");

            // ---------------------------------------------------------------- 3. the institution accepts, reports progress, completes
            var provider = await journey.AsAsync("institution");
            var ip = provider.Page;
            var providerSignIn = new SignInPage(ip);
            await providerSignIn.OpenAsync();
            await Accessibility.CheckAsync(provider, "signin");
            await providerSignIn.SignInAsync(institutionPhone, TestData.DemoPassword);
            await Expect(ip).ToHaveURLAsync(new Regex("/workbench$"));
            await Expect(ip.GetByRole(AriaRole.Link, new() { NameRegex = new Regex(@"^\d+ 待受理的服务申请") }))
                .ToContainTextAsync(new Regex(@"最近一件(剩余 \d+ 个工作日|今日到期|已超期 \d+ 个工作日)"));
            await Accessibility.CheckAsync(provider, "workbench-institution");

            await ip.GetByRole(AriaRole.Link, new() { Name = "收到的服务申请", Exact = true }).ClickAsync();
            var incoming = new InstitutionRequestsPage(ip);
            await Expect(ip).ToHaveURLAsync(new Regex("/institution/requests$"));
            await Expect(incoming.Heading).ToHaveTextAsync("收到的服务申请");
            await Accessibility.CheckAsync(provider, "institution-requests");
            await incoming.FindAsync(number);
            var row = incoming.Row(number);
            await Expect(row).ToHaveCountAsync(1);
            await Expect(row).ToContainTextAsync(title);
            await Expect(row).ToContainTextAsync(EnterpriseName);
            await Expect(row).ToContainTextAsync("已提交");
            // The deadline is a countdown in words, in working days.
            await Expect(row).ToContainTextAsync(new Regex(@"剩余 \d+ 个工作日"));
            await Accessibility.CheckAsync(provider, "institution-requests-found");

            await incoming.OpenRequestAsync(number);
            var handling = new InstitutionRequestPage(ip);
            await Expect(handling.Heading).ToHaveTextAsync(title);
            await Expect(handling.Status).ToContainTextAsync("已提交");
            await Expect(handling.Countdown).ToContainTextAsync(new Regex(@"剩余 \d+ 个工作日"));
            await Expect(handling.Number).ToHaveTextAsync(number);
            await Expect(handling.Detail("需求描述")).ToHaveTextAsync(Need);
            // The enterprise consented, so the institution sees the contact in full.
            await Expect(handling.Detail("联系人")).ToHaveTextAsync(EnterpriseContact);
            await Expect(handling.Detail("联系电话")).Not.ToContainTextAsync("已脱敏");
            await Expect(handling.CompleteDueOn).ToHaveValueAsync(new Regex(@"^\d{4}-\d{2}-\d{2}$"));
            await Accessibility.CheckAsync(provider, "institution-request-submitted");

            await handling.AcceptAsync(AcceptNote);
            await Expect(new Layout(ip).Flash).ToHaveTextAsync("已受理，企业将收到通知");
            await Expect(handling.Status).ToContainTextAsync("已受理");
            await Expect(handling.AcceptButton).ToHaveCountAsync(0);
            await Expect(handling.Detail("预计办结日期")).ToHaveTextAsync(new Regex(@"^\d{4}-\d{2}-\d{2}"));
            await Accessibility.CheckAsync(provider, "institution-request-accepted");

            await handling.RecordProgressAsync(ProgressNote, ProgressStatusNote);
            await Expect(new Layout(ip).Flash).ToHaveTextAsync("已记录服务进展");
            await Expect(handling.Status).ToContainTextAsync("服务中");
            await Expect(handling.Timeline.Filter(new() { HasTextString = ProgressNote })).ToHaveCountAsync(1);
            await Accessibility.CheckAsync(provider, "institution-request-in-service");

            await handling.CompleteAsync(CompletionNote);
            await Expect(new Layout(ip).Flash).ToHaveTextAsync("已办结，等待企业确认和评价");
            await Expect(handling.Status).ToContainTextAsync("机构已办结");
            await Expect(handling.CompleteButton).ToHaveCountAsync(0);
            await Expect(handling.RecordProgressButton).ToHaveCountAsync(0);
            await Expect(handling.Timeline.Filter(new() { HasTextString = CompletionNote })).ToHaveCountAsync(1);
            await Accessibility.CheckAsync(provider, "institution-request-completed");

            // ---------------------------------------------------------------- 4. the enterprise evaluates: 2 stars, 不满意
            await layout.WorkbenchLink.ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/workbench$"));
            await page.GetByRole(AriaRole.Link, new() { Name = "我的服务申请", Exact = true }).ClickAsync();
            var myRequests = new EnterpriseRequestsPage(page);
            await Expect(myRequests.Heading).ToHaveTextAsync("我的服务申请");
            await Expect(myRequests.Row(number)).ToContainTextAsync("机构已办结");
            await Expect(myRequests.Row(number)).ToContainTextAsync(institution);
            await Accessibility.CheckAsync(enterprise, "my-requests");
            await myRequests.OpenRequestAsync(number);
            Assert.Equal(requestUrl, page.Url);
            await Expect(mine.Status).ToContainTextAsync("机构已办结");
            // What the institution did is on the timeline the enterprise sees.
            await Expect(mine.Timeline.Filter(new() { HasTextString = ProgressNote })).ToHaveCountAsync(1);
            await Expect(mine.Timeline.Filter(new() { HasTextString = CompletionNote })).ToHaveCountAsync(1);
            await Expect(mine.ConfirmButton).ToBeVisibleAsync();
            await Expect(mine.EvaluateHeading).ToBeVisibleAsync();
            await Expect(mine.Score("总体评价", 2)).ToHaveAccessibleNameAsync("2 分 不满意");
            await Accessibility.CheckAsync(enterprise, "my-request-completed");

            await mine.EvaluateAsync(overall: 2, timeliness: 1, professionalism: 2, attitude: 3, Comment);
            await Expect(layout.Flash).ToHaveTextAsync("感谢您的评价，评价内容审核后公开");
            await Expect(mine.Status).ToContainTextAsync("已评价");
            await Expect(mine.EvaluateHeading).ToHaveCountAsync(0);
            await Expect(mine.MyEvaluationHeading).ToBeVisibleAsync();
            await Expect(mine.MyEvaluation).ToContainTextAsync("总体评价：不满意");
            await Expect(mine.MyEvaluation).ToContainTextAsync("响应及时：1 分");
            await Expect(mine.MyEvaluation).ToContainTextAsync("专业水平：2 分");
            await Expect(mine.MyEvaluation).ToContainTextAsync("服务态度：3 分");
            await Expect(mine.MyEvaluation).ToContainTextAsync(Comment);
            await Accessibility.CheckAsync(enterprise, "my-request-evaluated");

            // ---------------------------------------------------------------- 5. 珠晖区's operator follows it up
            var county = await journey.AsAsync("zhuhui-operator");
            var op = county.Page;
            var countySignIn = new SignInPage(op);
            await countySignIn.OpenAsync();
            await Accessibility.CheckAsync(county, "signin");
            await countySignIn.SignInAsync(TestData.ZhuhuiOperator, TestData.DemoPassword);
            await Expect(op).ToHaveURLAsync(new Regex("/workbench$"));
            await Expect(op.GetByRole(AriaRole.Main)).ToContainTextAsync("数据范围：" + EnterpriseRegion);
            var followUpCard = op.GetByRole(AriaRole.Link, new() { NameRegex = new Regex(@"^\d+ 待回访的差评") });
            await Expect(followUpCard).ToBeVisibleAsync();
            Assert.True(ResultCount(await followUpCard.InnerTextAsync()) >= 1, "工作台“待回访的差评”应至少为 1");
            await Accessibility.CheckAsync(county, "workbench-zhuhui-operator");

            await followUpCard.ClickAsync();
            var followUps = new FollowUpsPage(op);
            await Expect(op).ToHaveURLAsync(new Regex(@"/review/follow-ups\?Status=Open$"));
            await Expect(followUps.Heading).ToHaveTextAsync("差评回访");
            await Expect(followUps.Scope).ToContainTextAsync("数据范围：" + EnterpriseRegion);
            var task = followUps.Entry(number);
            await Expect(task).ToHaveCountAsync(1);
            await Expect(task).ToContainTextAsync(title);
            await Expect(FollowUpsPage.Detail(task, "评价企业")).ToContainTextAsync($"{EnterpriseName}（{EnterpriseRegion}）");
            await Expect(FollowUpsPage.Detail(task, "服务机构")).ToHaveTextAsync(institution);
            await Expect(FollowUpsPage.Detail(task, "总体评价")).ToHaveTextAsync("不满意（2 分）");
            await Expect(FollowUpsPage.Detail(task, "评价内容")).ToHaveTextAsync(Comment);
            await Expect(FollowUpsPage.Detail(task, "回访期限")).ToContainTextAsync(new Regex(@"剩余 \d+ 个工作日"));
            await Expect(FollowUpsPage.Detail(task, "状态")).ToHaveTextAsync("待回访");
            await Accessibility.CheckAsync(county, "follow-ups-open");

            // The request behind it, as the operator sees it (contact masked).
            await task.GetByRole(AriaRole.Link, new() { Name = number, Exact = true }).ClickAsync();
            var reviewed = new EnterpriseRequestPage(op);
            await Expect(op).ToHaveURLAsync(new Regex(@"/review/requests/[0-9a-f-]{36}$"));
            await Expect(reviewed.Heading).ToHaveTextAsync(title);
            await Expect(reviewed.Status).ToContainTextAsync("已评价");
            await Expect(op.GetByRole(AriaRole.Heading, new() { Name = "差评回访", Exact = true })).ToBeVisibleAsync();
            await Expect(reviewed.Detail("联系电话")).ToContainTextAsync("已脱敏");
            await Accessibility.CheckAsync(county, "review-request-evaluated");

            await followUps.OpenAsync();
            task = followUps.Entry(number);
            await followUps.RecordCallbackAsync(task, CallbackOutcome, CallbackNote);
            await Expect(new Layout(op).Flash).ToHaveTextAsync("回访记录已保存");
            await Expect(followUps.Entry(number)).ToHaveCountAsync(0);
            await followUps.FilterAsync("已回访");
            task = followUps.Entry(number);
            await Expect(FollowUpsPage.Detail(task, "状态")).ToHaveTextAsync("已回访");
            await Expect(FollowUpsPage.Detail(task, "回访情况")).ToHaveTextAsync(CallbackNote);
            await Expect(FollowUpsPage.Detail(task, "回访结果")).ToHaveTextAsync(CallbackOutcome);
            await Expect(FollowUpsPage.Detail(task, "回访时间")).ToContainTextAsync(new Regex(@"\d{4}-\d{2}-\d{2}"));
            await Expect(FollowUpsPage.SaveButton(task)).ToHaveCountAsync(0);
            await Accessibility.CheckAsync(county, "follow-ups-done");

            // Another county's operator does not see it (data scope).
            var other = await journey.AsAsync("hengyang-operator");
            var otherSignIn = new SignInPage(other.Page);
            await otherSignIn.OpenAsync();
            await Accessibility.CheckAsync(other, "signin");
            await otherSignIn.SignInAsync(TestData.HengyangCountyOperator, TestData.DemoPassword);
            var otherFollowUps = new FollowUpsPage(other.Page);
            await otherFollowUps.OpenAsync();
            await Expect(otherFollowUps.Scope).ToContainTextAsync("数据范围：衡阳县");
            await otherFollowUps.FilterAsync("全部");
            await Expect(otherFollowUps.Entry(number)).ToHaveCountAsync(0);
            await Accessibility.CheckAsync(other, "follow-ups-hengyang-all");
        });

    /// <summary>The first number in a text ("找到约 123 条结果", "3 待回访的差评").</summary>
    private static int ResultCount(string text) => int.Parse(Regex.Match(text, @"\d+").Value, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Right after the app starts the index may still be building (the page says so); a user would come back a little
    /// later, so reload for up to 30 s.
    /// </summary>
    private static async Task WaitForIndexAsync(SearchResultsPage search, IPage page)
    {
        for (var i = 0; i < 30 && await search.IndexBuilding.CountAsync() > 0; i++)
        {
            await Task.Delay(1000);
            await page.ReloadAsync();
        }
        await Expect(search.IndexBuilding).ToHaveCountAsync(0);
    }
}
