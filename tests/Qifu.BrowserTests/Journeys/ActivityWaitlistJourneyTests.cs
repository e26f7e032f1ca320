using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Qifu.BrowserTests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Qifu.BrowserTests.Journeys;

[Collection(BrowserCollection.Name)]
public sealed class ActivityWaitlistJourneyTests(BrowserApp app)
{
    [Fact]
    public Task An_enterprise_is_waitlisted_for_a_full_activity_promoted_when_another_cancels_and_checked_in_by_code() =>
        Journey.RunAsync(app, "activity-waitlist", async journey =>
        {
            // Arranged through the API: a one-seat activity starting soon (running into tomorrow, so today's check-in is
            // open whatever the time of day), and another approved enterprise holding the seat (it cancels in the browser).
            var city = await TokenClientAsync(TestData.CityOperator, TestData.DemoPassword);
            var beijingNow = DateTime.UtcNow.AddHours(8);
            var start = beijingNow.AddMinutes(20);
            string Local(DateTime t) => t.ToString("yyyy-MM-ddTHH:mm:ss");
            var title = "研发费用加计扣除小班辅导" + Guid.NewGuid().ToString("N")[..4];
            var created = await city.PostAsJsonAsync("/api/v1/activities", new
            {
                type = "PolicyBriefing", title, description = "<p>小班讲解研发费用归集与加计扣除申报，名额一个。</p>", regionCode = "430405",
                startsAt = Local(start), endsAt = Local(start.AddHours(26)), venue = "珠晖区税务局一楼培训室", capacity = 1, reserved = 0,
                registrationOpensAt = Local(beijingNow.AddHours(-1)), registrationClosesAt = Local(start), isPublicInterest = true, publish = true,
            });
            created.EnsureSuccessStatusCode();
            var activityId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

            var holder = TestData.Enterprise("珠晖区", "430405");
            var holderId = await Arrange.RegisteredEnterpriseAsync(app, holder);
            (await city.PostAsync($"/api/v1/enterprises/{holderId}/approve", null)).EnsureSuccessStatusCode();
            var holderApi = await TokenClientAsync(holder.Phone, holder.Password);
            var seat = await holderApi.PostAsJsonAsync($"/api/v1/activities/{activityId}/registrations",
                new { attendees = new[] { new { name = "占位人", phone = "13912340000", position = "经理" } } });
            seat.EnsureSuccessStatusCode();

            // The demo enterprise finds the activity full and joins the waitlist.
            var enterprise = await journey.AsAsync("enterprise");
            var page = enterprise.Page;
            var signIn = new SignInPage(page);
            await signIn.OpenAsync();
            await Accessibility.CheckAsync(enterprise, "signin");
            await signIn.SignInAsync(TestData.ApprovedEnterprise, TestData.DemoPassword);
            await Expect(page).ToHaveURLAsync(new Regex("/workbench$"));
            await Accessibility.CheckAsync(enterprise, "workbench-enterprise-activities");
            await page.GotoAsync("/activities");
            await Accessibility.CheckAsync(enterprise, "activities");
            await page.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);
            await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("剩余 0 个（可登记候补）");
            await Accessibility.CheckAsync(enterprise, "activity-full");
            await page.GetByLabel("第1位 姓名（必填）").FillAsync("王建国");
            await page.Locator("#att-0-phone").FillAsync("13807341234");
            await page.Locator("#att-0-position").FillAsync("总经理");
            await page.GetByRole(AriaRole.Button, new() { Name = "登记候补" }).ClickAsync();
            await Expect(page.Locator(".flash")).ToContainTextAsync("已为您登记候补");
            await Expect(page.Locator("#my-registration + dl")).ToContainTextAsync("候补中");
            await Accessibility.CheckAsync(enterprise, "activity-waitlisted");

            // The holder signs in and cancels on the activity page; the seat goes to the waitlist, and the demo enterprise is told.
            var seatHolder = await journey.AsAsync("seat-holder");
            var holderPage = seatHolder.Page;
            var holderSignIn = new SignInPage(holderPage);
            await holderSignIn.OpenAsync();
            await Accessibility.CheckAsync(seatHolder, "signin");
            await holderSignIn.SignInAsync(holder.Phone, holder.Password);
            await Expect(holderPage).ToHaveURLAsync(new Regex("/workbench$"));
            await Accessibility.CheckAsync(seatHolder, "workbench-seat-holder");
            await holderPage.GotoAsync("/enterprise/activities");
            await Accessibility.CheckAsync(seatHolder, "my-activities");
            await holderPage.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
            await Expect(holderPage.Locator("#my-registration + dl")).ToContainTextAsync("已报名");
            await Accessibility.CheckAsync(seatHolder, "activity-registered");
            await holderPage.GetByRole(AriaRole.Button, new() { Name = "取消报名" }).ClickAsync();
            await Expect(new Layout(holderPage).Flash).ToContainTextAsync("已取消报名");
            await Expect(holderPage.GetByRole(AriaRole.Button, new() { Name = "取消报名" })).ToHaveCountAsync(0);
            await Accessibility.CheckAsync(seatHolder, "activity-cancelled");

            await page.ReloadAsync();
            await Expect(page.Locator("#my-registration + dl")).ToContainTextAsync("已报名（候补已转正）");
            await Expect(page.GetByRole(AriaRole.Img, new() { NameRegex = new Regex("^签到二维码") })).ToBeVisibleAsync();
            var code = (await page.Locator("#my-registration + dl strong.mono").InnerTextAsync()).Trim();
            Assert.Matches("^[ACDEFGHJKMNPQRTUVWXY34679]{8}$", code);
            await Accessibility.CheckAsync(enterprise, "activity-promoted");
            await page.GotoAsync("/inbox");
            await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("候补成功：" + title);
            await Accessibility.CheckAsync(enterprise, "inbox");

            // At the door, the 珠晖区 operator types the code; a second check-in is refused with the time of the first.
            var staff = await journey.AsAsync("operator");
            var staffSignIn = new SignInPage(staff.Page);
            await staffSignIn.OpenAsync();
            await Accessibility.CheckAsync(staff, "signin");
            await staffSignIn.SignInAsync(TestData.ZhuhuiOperator, TestData.DemoPassword);
            await Expect(staff.Page).ToHaveURLAsync(new Regex("/workbench$"));
            await Accessibility.CheckAsync(staff, "workbench-zhuhui-operator");
            await staff.Page.GotoAsync("/checkin");
            await Accessibility.CheckAsync(staff, "checkin");
            await staff.Page.Locator($"#code-{activityId}").FillAsync(code.ToLowerInvariant());
            await staff.Page.Locator($"article[aria-labelledby='a-{activityId}']").GetByRole(AriaRole.Button, new() { Name = "签到", Exact = true }).ClickAsync();
            await Expect(staff.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "签到成功" })).ToContainTextAsync("王建国");
            await Accessibility.CheckAsync(staff, "checkin-done");
            staff.ExpectDocumentStatus(422);
            await staff.Page.Locator($"#code-{activityId}").FillAsync(code);
            await staff.Page.Locator($"article[aria-labelledby='a-{activityId}']").GetByRole(AriaRole.Button, new() { Name = "签到", Exact = true }).ClickAsync();
            await Expect(staff.Page.Locator(".error-summary")).ToContainTextAsync(new Regex("已于 \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} 签到，不能重复签到"));
            await Accessibility.CheckAsync(staff, "checkin-twice");
        });

    private async Task<HttpClient> TokenClientAsync(string phone, string password)
    {
        var client = new HttpClient { BaseAddress = app.BaseAddress };
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { phone, password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
