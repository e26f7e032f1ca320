using System.Text.RegularExpressions;
using Qifu.BrowserTests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Qifu.BrowserTests.Journeys;

[Collection(BrowserCollection.Name)]
public sealed class EnterpriseRejectionTests(BrowserApp app)
{
    private const string Reason = "从业人员数与社保缴纳人数不符，请核实后修改";

    [Fact]
    public Task A_rejected_enterprise_sees_the_reason_corrects_its_data_and_is_approved() =>
        Journey.RunAsync(app, "b-reject", async journey =>
        {
            var applicant = TestData.Enterprise();
            var enterprise = await journey.AsAsync("enterprise");
            var register = new RegisterEnterprisePage(enterprise.Page);
            await register.OpenAsync();
            await Accessibility.CheckAsync(enterprise, "register-enterprise");
            await register.FillAsync(applicant, TestData.PdfFile(Path.Combine(app.DataPath, "uploads")));
            Assert.Equal(302, await register.SubmitAsync());
            var mine = new MyEnterprisePage(enterprise.Page);
            await Expect(mine.StatusLine).ToContainTextAsync("待审核");
            await Accessibility.CheckAsync(enterprise, "my-enterprise-pending");

            // The operator finds it by name, first tries to reject without a reason, then rejects with one.
            var zhuhui = await journey.AsAsync("zhuhui-operator");
            var op = zhuhui.Page;
            var signIn = new SignInPage(op);
            await signIn.OpenAsync();
            await Accessibility.CheckAsync(zhuhui, "signin");
            await signIn.SignInAsync(TestData.ZhuhuiOperator, TestData.DemoPassword);
            await Accessibility.CheckAsync(zhuhui, "workbench");
            var queue = new ReviewQueuePage(op);
            await queue.OpenAsync();
            await Accessibility.CheckAsync(zhuhui, "review-queue");
            await queue.FilterAsync(statusLabel: "待审核", query: applicant.Name);
            await Expect(queue.Total).ToHaveTextAsync("共 1 条");
            await Accessibility.CheckAsync(zhuhui, "review-queue-search");
            await queue.OpenReviewAsync(applicant.Name);
            var detail = new ReviewDetailPage(op);
            var detailUrl = op.Url;
            await Expect(detail.Status).ToContainTextAsync("待审核");
            await Accessibility.CheckAsync(zhuhui, "review-detail-pending");

            // A rejection needs a reason: the error is shown next to the field (422), in normal mode and in 长辈版.
            zhuhui.ExpectDocumentStatus(422);
            var layout = new Layout(op);
            await detail.RejectAsync("");
            await Expect(layout.ErrorNextTo(detail.RejectReason)).ToHaveTextAsync("驳回时请填写驳回原因");
            await Expect(detail.Status).ToContainTextAsync("待审核");
            await Accessibility.CheckCurrentModeAsync(zhuhui, "review-detail-reason-missing");
            // A user who now turns on 长辈版 comes back to the same record (the toggle returns to the current address).
            await layout.SwitchToElderModeAsync();
            await Expect(detail.Heading).ToHaveTextAsync(applicant.Name);
            await detail.RejectAsync("");
            await Expect(layout.ErrorNextTo(detail.RejectReason)).ToHaveTextAsync("驳回时请填写驳回原因");
            await Accessibility.CheckCurrentModeAsync(zhuhui, "review-detail-reason-missing");
            await op.GotoAsync(detailUrl);
            await layout.LeaveElderModeAsync();

            await detail.RejectAsync(Reason);
            await Expect(new Layout(op).Flash).ToHaveTextAsync("已驳回，企业将看到驳回原因");
            await Expect(detail.Status).ToContainTextAsync("已驳回");
            await Expect(op.GetByRole(Microsoft.Playwright.AriaRole.Main)).ToContainTextAsync("驳回原因：" + Reason);
            await Accessibility.CheckAsync(zhuhui, "review-detail-rejected");

            // The enterprise sees 已驳回 and the reason, with its data in the correction form, and lowers its head count.
            await mine.OpenAsync();
            await Expect(mine.StatusLine).ToContainTextAsync("已驳回");
            await Expect(mine.RejectionNotice).ToContainTextAsync("驳回原因：" + Reason);
            await Expect(mine.Employees).ToHaveValueAsync("120");
            await Expect(mine.Name).ToHaveValueAsync(applicant.Name);
            await Expect(mine.Region).ToHaveValueAsync(applicant.RegionCode);
            await Accessibility.CheckAsync(enterprise, "my-enterprise-rejected");

            await mine.Employees.FillAsync("15");
            await mine.ResubmitAsync();
            await Expect(new Layout(enterprise.Page).Flash).ToHaveTextAsync("已重新提交，请等待审核");
            await Expect(mine.StatusLine).ToContainTextAsync("待审核");
            await Expect(mine.RejectionNotice).ToHaveCountAsync(0);
            // 15 people is below the 20 that 小型 needs in industry: the size class follows the corrected data.
            await Expect(mine.Detail("企业规模")).ToContainTextAsync("微型");
            await Accessibility.CheckAsync(enterprise, "my-enterprise-resubmitted");

            // The operator sees the corrected figures and the history, and approves.
            await op.GotoAsync(detailUrl);
            await Expect(detail.Status).ToContainTextAsync("待审核");
            await Expect(op.Locator("dl.details")).ToContainTextAsync("15 人");
            await Expect(detail.History.Filter(new() { HasText = "审核驳回" })).ToContainTextAsync(Reason);
            await Expect(detail.History.Filter(new() { HasText = "修改后重新提交" })).ToHaveCountAsync(1);
            await Accessibility.CheckAsync(zhuhui, "review-detail-resubmitted");
            await detail.ApproveAsync();
            await Expect(new Layout(op).Flash).ToHaveTextAsync("已审核通过");
            await Expect(detail.Status).ToContainTextAsync("已通过");
            await Accessibility.CheckAsync(zhuhui, "review-detail-approved");

            await mine.OpenAsync();
            await Expect(mine.StatusLine).ToContainTextAsync("已通过");
            await Expect(mine.ResubmitHeading).ToHaveCountAsync(0);
            await Accessibility.CheckAsync(enterprise, "my-enterprise-approved");
        });
}
