using System.Text.RegularExpressions;
using Qifu.BrowserTests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Qifu.BrowserTests.Journeys;

[Collection(BrowserCollection.Name)]
public sealed class RegistrationInputTests(BrowserApp app)
{
    [Fact]
    public Task A_wrong_credit_code_is_explained_next_to_the_field_and_the_other_values_are_kept() =>
        Journey.RunAsync(app, "e-bad-input", async journey =>
        {
            var session = await journey.AsAsync("visitor");
            var page = session.Page;
            var register = new RegisterEnterprisePage(page);
            var layout = new Layout(page);
            await register.OpenAsync();
            await Accessibility.CheckAsync(session, "register-enterprise");
            session.ExpectDocumentStatus(422);

            // Once in normal mode, once in 长辈版: the answer to the POST is its own page state, checked in each mode.
            foreach (var elder in new[] { false, true })
            {
                if (elder)
                {
                    await register.OpenAsync();
                    await layout.SwitchToElderModeAsync();
                }
                var applicant = TestData.Enterprise() with { CreditCode = TestData.WithWrongCheckCharacter(TestData.CreditCodeFor("430405")) };
                await register.FillAsync(applicant, TestData.PdfFile(Path.Combine(app.DataPath, "uploads")));
                Assert.Equal(422, await register.SubmitAsync());

                await Expect(page).ToHaveURLAsync(new Regex("/register/enterprise$"));
                await Expect(register.ErrorNextTo(register.CreditCode)).ToHaveTextAsync("校验码不正确，请核对");
                await Expect(register.ErrorSummary).ToContainTextAsync("校验码不正确，请核对");
                // What was typed is still there, including the wrong code so it can be corrected in place.
                await Expect(register.CreditCode).ToHaveValueAsync(applicant.CreditCode);
                await Expect(register.Phone).ToHaveValueAsync(applicant.Phone);
                await Expect(register.Name).ToHaveValueAsync(applicant.Name);
                await Expect(register.LegalRepresentative).ToHaveValueAsync(applicant.LegalRepresentative);
                await Expect(register.Region).ToHaveValueAsync(applicant.RegionCode);
                await Expect(register.Industry).ToHaveValueAsync(applicant.IndustryDivision);
                await Expect(register.Employees).ToHaveValueAsync("120");
                await Expect(register.Revenue).ToHaveValueAsync("1500");
                await Expect(register.Assets).ToHaveValueAsync("2000");
                await Expect(register.ContactName).ToHaveValueAsync(applicant.ContactName);
                await Expect(register.ContactPhone).ToHaveValueAsync(applicant.ContactPhone);
                await Expect(register.Consent).ToBeCheckedAsync();
                // Only the credit code is in error.
                await Expect(page.Locator(".field-error:not(:empty)")).ToHaveCountAsync(1);
                Assert.Equal(elder, await Accessibility.IsElderAsync(page));
                await Accessibility.CheckCurrentModeAsync(session, "register-enterprise-wrong-code");

                // Nothing was created and nobody was signed in.
                var probe = await page.APIRequest.GetAsync("/api/v1/enterprises/mine", new() { MaxRedirects = 0 });
                Assert.NotEqual(200, probe.Status);
            }
            await register.OpenAsync();
            await layout.LeaveElderModeAsync();
        });
}
