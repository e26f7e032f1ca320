using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Qifu.BrowserTests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Qifu.BrowserTests.Journeys;

[Collection(BrowserCollection.Name)]
public sealed class KeyboardTests(BrowserApp app)
{
    [Fact]
    public Task An_operator_signs_in_and_switches_to_elder_mode_with_the_keyboard_only() =>
        Journey.RunAsync(app, "f-keyboard", async journey =>
        {
            var session = await journey.AsAsync("city-operator");
            var page = session.Page;
            var layout = new Layout(page);
            var signIn = new SignInPage(page);
            await signIn.OpenAsync();
            await Accessibility.CheckAsync(session, "signin");

            // The first Tab lands on the skip link, which becomes visible and has a visible focus outline.
            await page.Keyboard.PressAsync("Tab");
            await Expect(layout.SkipLink).ToBeFocusedAsync();
            await Expect(layout.SkipLink).ToBeInViewportAsync();
            Assert.NotEqual("none", await layout.SkipLink.EvaluateAsync<string>("e => getComputedStyle(e).outlineStyle"));

            // Enter follows it to the main content; the next Tab is the first field of the form.
            await page.Keyboard.PressAsync("Enter");
            await Expect(page).ToHaveURLAsync(new Regex("#main$"));
            await Expect(layout.Main).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("Tab");
            await Expect(signIn.Phone).ToBeFocusedAsync();
            await page.Keyboard.TypeAsync(TestData.CityOperator);
            await page.Keyboard.PressAsync("Tab");
            await Expect(signIn.Password).ToBeFocusedAsync();
            await page.Keyboard.TypeAsync(TestData.DemoPassword);
            await page.Keyboard.PressAsync("Enter");

            // The browser keeps the #main fragment through the sign-in redirect.
            await Expect(page).ToHaveURLAsync(new Regex("/workbench(#main)?$"));
            await page.GotoAsync("/workbench");
            await Expect(layout.Heading).ToHaveTextAsync("我的工作台");
            await Expect(layout.WorkbenchLink).ToContainTextAsync("周敏");
            await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("数据范围：全市");
            await Accessibility.CheckAsync(session, "workbench-city");

            // 长辈版 by keyboard: skip link, then the 长辈版 button; Space presses it (a form POST, no script).
            await page.Keyboard.PressAsync("Tab");
            await Expect(layout.SkipLink).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("Tab");
            await Expect(layout.ElderModeButton).ToBeFocusedAsync();
            Assert.NotEqual("none", await layout.ElderModeButton.EvaluateAsync<string>("e => getComputedStyle(e).outlineStyle"));
            await page.Keyboard.PressAsync("Space");
            await Expect(layout.LeaveElderModeButton).ToBeVisibleAsync();
            await Expect(layout.LeaveElderModeButton).ToHaveAttributeAsync("aria-pressed", "true");
            await Accessibility.AssertElderTypographyAsync(page);
            await Expect(page).ToHaveURLAsync(new Regex("/workbench$"));

            // The preference is a cookie: it stays on the next page, then the keyboard turns it off again.
            await page.GetByRole(AriaRole.Link, new() { Name = "企业注册审核与名录" }).FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            await Expect(page).ToHaveURLAsync(new Regex("/review/enterprises$"));
            await Accessibility.AssertElderTypographyAsync(page);
            await Expect(new ReviewQueuePage(page).RegionFilter).ToBeVisibleAsync();
            await Accessibility.CheckCurrentModeAsync(session, "review-queue-city");
            await page.Keyboard.PressAsync("Tab");
            await page.Keyboard.PressAsync("Tab");
            await Expect(layout.LeaveElderModeButton).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("Enter");
            await Expect(layout.ElderModeButton).ToHaveAttributeAsync("aria-pressed", "false");
            Assert.False(await Accessibility.IsElderAsync(page));
            await Accessibility.CheckCurrentModeAsync(session, "review-queue-city");
        });
}
