using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Qifu.Tests.Support;

namespace Qifu.Tests.Platform.Security;

[Collection(SharedApp.Name)]
public sealed class SignInTests(QifuApp app)
{
    private async Task<string> NewOperatorAsync()
    {
        var city = await app.SignedInAsync(Http.CityOperator);
        var phone = TestData.Mobile();
        var response = await city.PostFormAsync("/admin/operators?handler=Create",
            new() { ["Input.DisplayName"] = "新运营", ["Input.Phone"] = phone, ["Input.RegionCode"] = "430423" });
        var html = await response.Content.ReadAsStringAsync();
        var password = System.Text.RegularExpressions.Regex.Match(html, "初始密码：([^（]+)（").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(password), "the initial password is shown once");
        return phone + "|" + System.Net.WebUtility.HtmlDecode(password);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_ten_minutes_with_a_clear_message()
    {
        var (phone, password) = (await NewOperatorAsync()).Split('|') is var p ? (p[0], p[1]) : default;
        var client = app.Browser();
        for (var i = 0; i < 5; i++)
        {
            var wrong = await client.PostFormAsync("/account/signin", new() { ["Input.Phone"] = phone, ["Input.Password"] = "Wrong-Password-1" });
            Assert.Contains(i < 4 ? "手机号或密码不正确" : "账号已锁定", await wrong.Content.ReadAsStringAsync());
        }
        var right = await client.PostFormAsync("/account/signin", new() { ["Input.Phone"] = phone, ["Input.Password"] = password });
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("账号已锁定", await right.Content.ReadAsStringAsync());

        // Identity keeps lockout on the system clock: check the ten minutes, then let them pass.
        var end = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == phone).Select(u => u.LockoutEnd).SingleAsync());
        Assert.InRange((end!.Value - DateTimeOffset.UtcNow).TotalMinutes, 9.5, 10.01);
        await app.WithDbAsync(db => db.Users.Where(u => u.UserName == phone)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.LockoutEnd, DateTimeOffset.UtcNow.AddSeconds(-1))));
        var later = await client.PostFormAsync("/account/signin", new() { ["Input.Phone"] = phone, ["Input.Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, later.StatusCode);
        Assert.True(await app.WithDbAsync(db => db.SignInLog.AnyAsync(s => !s.Succeeded && s.Outcome.Contains("锁定"))));
    }

    [Fact]
    public async Task An_operator_created_account_must_change_its_password_before_anything_else()
    {
        var (phone, password) = (await NewOperatorAsync()).Split('|') is var p ? (p[0], p[1]) : default;
        var client = await app.SignedInAsync(phone, password);
        var workbench = await client.GetAsync("/workbench");
        Assert.Equal(HttpStatusCode.Redirect, workbench.StatusCode);
        Assert.Equal("/account/password", workbench.Headers.Location?.OriginalString);

        var weak = await client.PostFormAsync("/account/password", new()
        {
            ["Input.CurrentPassword"] = password, ["Input.NewPassword"] = "short", ["Input.ConfirmPassword"] = "short",
        });
        Assert.Contains("密码至少12位", await weak.Content.ReadAsStringAsync());

        var changed = await client.PostFormAsync("/account/password", new()
        {
            ["Input.CurrentPassword"] = password, ["Input.NewPassword"] = "Hengnan-County-77", ["Input.ConfirmPassword"] = "Hengnan-County-77",
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        var after = await client.GetAsync("/workbench");
        Assert.True(after.StatusCode == HttpStatusCode.OK, after.Headers.Location?.ToString());
    }

    [Fact]
    public async Task Signing_out_ends_the_server_side_session()
    {
        var client = await app.SignedInAsync(Http.CityOperator);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/workbench")).StatusCode);
        var sessions = await app.WithDbAsync(db => db.SignInSessions.CountAsync());
        // The utility bar links to a page that asks once; its form carries the antiforgery token.
        var confirm = await client.GetStringAsync("/account/signout");
        Assert.Contains("确认退出", confirm);
        var signout = await client.PostFormAsync("/account/signout", [], "/account/signout");
        Assert.Equal(HttpStatusCode.Redirect, signout.StatusCode);
        Assert.Equal(sessions - 1, await app.WithDbAsync(db => db.SignInSessions.CountAsync()));
    }

    [Fact]
    public async Task An_unknown_account_and_a_wrong_password_get_the_same_answer()
    {
        var unknown = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { phone = "15999999999", password = "Whatever-2026" });
        var wrong = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { phone = Http.ApprovedEnterprise, password = "Whatever-2026" });
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(unknown.StatusCode, wrong.StatusCode);
        var a = await unknown.Content.ReadFromJsonAsync<JsonElement>();
        var b = await wrong.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(a.GetProperty("title").GetString(), b.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Passwords_are_hashed_with_at_least_210000_pbkdf2_sha512_iterations()
    {
        var hash = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == Http.CityOperator).Select(u => u.PasswordHash).SingleAsync());
        var bytes = Convert.FromBase64String(hash!);
        Assert.Equal(0x01, bytes[0]); // Identity v3 format
        var prf = (uint)(bytes[1] << 24 | bytes[2] << 16 | bytes[3] << 8 | bytes[4]);
        var iterations = bytes[5] << 24 | bytes[6] << 16 | bytes[7] << 8 | bytes[8];
        Assert.Equal(2u, prf); // HMACSHA512
        Assert.True(iterations >= 210_000, $"iterations {iterations}");
    }
}

[Collection(SharedApp.Name)]
public sealed class OperatorAccountsTests(QifuApp app)
{
    [Fact]
    public async Task Moving_an_operator_to_another_county_changes_their_scope_and_ends_their_sessions()
    {
        var city = await app.SignedInAsync(Http.CityOperator);
        var phone = TestData.Mobile();
        var created = await city.PostFormAsync("/admin/operators?handler=Create", new() { ["Input.DisplayName"] = "调岗运营", ["Input.Phone"] = phone, ["Input.RegionCode"] = "430405" });
        var password = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(await created.Content.ReadAsStringAsync(), "初始密码：([^（]+)（").Groups[1].Value);
        var op = await app.SignedInAsync(phone, password);
        await op.PostFormAsync("/account/password", new() { ["Input.CurrentPassword"] = password, ["Input.NewPassword"] = "Zhuhui-Operator-88", ["Input.ConfirmPassword"] = "Zhuhui-Operator-88" });
        Assert.Contains("珠晖区", await op.GetStringAsync("/workbench"));

        var id = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == phone).Select(u => u.Id).SingleAsync());
        var moved = await city.PostFormAsync($"/admin/operators?handler=Move&id={id}", new() { ["regionCode"] = "430482" });
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await op.GetAsync("/workbench")).StatusCode); // signed out

        var again = await app.SignedInAsync(phone, "Zhuhui-Operator-88");
        Assert.Contains("常宁市", await again.GetStringAsync("/workbench"));
        var list = await again.GetStringAsync("/review/enterprises");
        Assert.DoesNotContain("珠晖区</td>", list);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "调整区划和角色" && a.EntityId == id.ToString())));
    }

    [Fact]
    public async Task A_disabled_operator_is_signed_out_and_cannot_sign_in()
    {
        var city = await app.SignedInAsync(Http.CityOperator);
        var phone = TestData.Mobile();
        await city.PostFormAsync("/admin/operators?handler=Create", new() { ["Input.DisplayName"] = "停用运营", ["Input.Phone"] = phone, ["Input.RegionCode"] = "430424" });
        var id = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == phone).Select(u => u.Id).SingleAsync());
        var toggled = await city.PostFormAsync($"/admin/operators?handler=Toggle&id={id}", []);
        Assert.Equal(HttpStatusCode.Redirect, toggled.StatusCode);
        Assert.True(await app.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.IsDisabled).SingleAsync()));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "停用账号" && a.EntityId == id.ToString())));
    }
}
