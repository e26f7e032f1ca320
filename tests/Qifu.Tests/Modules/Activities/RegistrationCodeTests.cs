using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qifu.Tests.Support;
using Qifu.Web.Modules.Activities.Register;

namespace Qifu.Tests.Modules.Activities;

/// <summary>Codes as the app makes them, except that a test can have the next ones be codes already taken.</summary>
public sealed class ScriptedCodes(IDataProtectionProvider protection) : RegistrationCodes(protection)
{
    public ConcurrentQueue<string> Next { get; } = new();

    public override string NewCode() => Next.TryDequeue(out var code) ? code : base.NewCode();
}

public sealed class ScriptedCodesApp : QifuApp
{
    public ScriptedCodes Codes => (ScriptedCodes)Services.GetRequiredService<RegistrationCodes>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<RegistrationCodes, ScriptedCodes>());
    }
}

/// <summary>Decision 0025: codes without characters that are misread for one another, and a clash of codes is retried, not refused.</summary>
public sealed class RegistrationCodeTests(ScriptedCodesApp app) : IClassFixture<ScriptedCodesApp>
{
    [Fact]
    public async Task A_registration_or_walk_in_whose_code_is_taken_gets_another_code_instead_of_a_refusal()
    {
        Assert.DoesNotContain(RegistrationCodes.Alphabet, c => "0O1IL2Z5S8B".Contains(c));
        var id = await app.PublishedActivityAsync(capacity: 10, operatorPhone: Http.ZhuhuiOperator);
        var clients = await app.EnterpriseClientsAsync(2);
        var first = await (await clients[0].PostAsJsonAsync($"/api/v1/activities/{id}/registrations", ActivityArrange.OnePerson())).JsonAsync();
        var taken = first.GetProperty("code").GetString()!;
        Assert.Matches("^[ACDEFGHJKMNPQRTUVWXY34679]{8}$", taken);

        // The next two codes drawn are the one already taken: the registration is written a third time, with a fresh code.
        app.Codes.Next.Enqueue(taken);
        app.Codes.Next.Enqueue(taken);
        var second = await clients[1].PostAsJsonAsync($"/api/v1/activities/{id}/registrations", ActivityArrange.OnePerson("孙丽华"));
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var secondCode = (await second.JsonAsync()).GetProperty("code").GetString()!;
        Assert.NotEqual(taken, secondCode);
        Assert.Empty(app.Codes.Next);
        // The failed tries gave their seats back: two registrations, two seats.
        Assert.Equal(2, await app.WithDbAsync(db => db.Activities.Where(a => a.Id == id).Select(a => a.Taken).FirstAsync()));
        Assert.Equal(2, await app.WithDbAsync(db => db.ActivityRegistrations.CountAsync(r => r.ActivityId == id)));

        // The enterprise's own second registration is still refused as such, also when its requests race each other.
        var other = await app.PublishedActivityAsync(capacity: 10, operatorPhone: Http.ZhuhuiOperator);
        var racing = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ =>
            clients[0].PostAsJsonAsync($"/api/v1/activities/{other}/registrations", ActivityArrange.OnePerson())));
        Assert.Single(racing, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var refused in racing.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Equal("ALREADY_REGISTERED", await refused.CodeOf());
        }

        // At the door: a walk-in drawing the taken code is recorded under another one, and a code issued before the
        // narrower alphabet (with S, Z, B, 2, 5, 8) still checks in.
        var startsAt = await app.WithDbAsync(db => db.Activities.Where(a => a.Id == id).Select(a => a.StartsAt).FirstAsync());
        app.Clock.SetUtcNow(startsAt.AddMinutes(-20));
        var staff = await app.ApiAsync(Http.ZhuhuiOperator);
        app.Codes.Next.Enqueue(taken);
        var walkIn = await staff.PostAsJsonAsync($"/api/v1/activities/{id}/walk-ins", new { name = "周志刚", phone = "13787650001", company = "衡阳志刚五金店" });
        Assert.Equal(HttpStatusCode.OK, walkIn.StatusCode);
        Assert.NotEqual(taken, (await walkIn.JsonAsync()).GetProperty("registration").GetProperty("code").GetString());
        Assert.Empty(app.Codes.Next);

        await app.WithDbAsync(db => db.ActivityRegistrations.Where(r => r.Code == taken).ExecuteUpdateAsync(s => s.SetProperty(r => r.Code, "SZB258KM")));
        var old = await staff.PostAsJsonAsync($"/api/v1/activities/{id}/check-ins", new { code = "szb2 58km" });
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
    }
}
