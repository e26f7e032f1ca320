using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Qifu.Bench.Platform;

/// <summary>
/// The platform as its own process (the Release Qifu.Web.dll): Production settings, demo data on, the data folder and (with
/// --postgres) the database of this scale. The sign-in rate limit (Qifu:SignInPerMinute, 10 a minute per IP) is raised, because
/// every request of the benchmark comes from 127.0.0.1: it would otherwise measure the limiter, not the registration.
/// </summary>
public sealed class Server(string appDll, string contentRoot, string dataPath, string logPath, string? connectionString)
{
    private readonly StringBuilder _log = new();

    public Process? Process { get; private set; }
    public string BaseUrl { get; private set; } = "";

    private ProcessStartInfo Psi(IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(appDll);
        psi.ArgumentList.Add("--contentRoot");
        psi.ArgumentList.Add(contentRoot);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment["Qifu__DataPath"] = dataPath;
        psi.Environment["Qifu__LogPath"] = logPath;
        psi.Environment["Qifu__DemoData"] = "true";
        psi.Environment["Qifu__SignInPerMinute"] = "1000000";
        psi.Environment["Logging__LogLevel__Default"] = "Warning";
        psi.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        if (connectionString is not null)
        {
            psi.Environment["Database__Provider"] = "Postgres";
            psi.Environment["ConnectionStrings__Qifu"] = connectionString;
        }
        return psi;
    }

    /// <summary>`Qifu.Web.dll seed --scale N` (the real generator); returns its output and the seconds it took.</summary>
    public (string Output, double Seconds) Seed(string scale, Action<string> say)
    {
        var watch = Stopwatch.StartNew();
        using var p = System.Diagnostics.Process.Start(Psi(["seed", "--scale", scale]))!;
        var output = new StringBuilder();
        p.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) output.AppendLine(e.Data); say("    " + e.Data); } };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        p.WaitForExit();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"seed --scale {scale} exited with {p.ExitCode}:\n" + string.Join('\n', output.ToString().Split('\n').TakeLast(20)));
        return (output.ToString(), watch.Elapsed.TotalSeconds);
    }

    /// <summary>Starts the platform; returns the seconds until /health/live answered 200.</summary>
    public double Start()
    {
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        var watch = Stopwatch.StartNew();
        var p = System.Diagnostics.Process.Start(Psi(["--urls", BaseUrl]))!;
        Process = p;
        p.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_log) _log.AppendLine(e.Data); };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_log) _log.AppendLine(e.Data); };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        while (watch.Elapsed < TimeSpan.FromMinutes(20))
        {
            if (p.HasExited) throw new InvalidOperationException("the platform exited while starting:\n" + Tail(25));
            try
            {
                using var r = http.GetAsync(BaseUrl + "/health/live").GetAwaiter().GetResult();
                if (r.StatusCode == HttpStatusCode.OK) return watch.Elapsed.TotalSeconds;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            Thread.Sleep(50);
        }
        throw new TimeoutException("the platform did not answer /health/live within 20 minutes");
    }

    public string Tail(int lines)
    {
        lock (_log) return string.Join('\n', _log.ToString().Split('\n').TakeLast(lines));
    }

    public void Stop()
    {
        if (Process is { HasExited: false } p)
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
        }
        Process = null;
    }

    /// <summary>VmHWM (peak resident set) of the platform process, from /proc.</summary>
    public long PeakRss() => Process is null ? 0 : StatusKb(Process.Id, "VmHWM:") * 1024;

    private static long StatusKb(int pid, string key)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException) { return 0; }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

/// <summary>Signs in as a browser does (sign-in page, antiforgery token, form post, session cookie) or as an API client (bearer).</summary>
public static partial class SignIn
{
    public const string Password = "Qifu-Demo-2026"; // DemoData.Password
    public const string CityOperator = "13907340001", ApprovedEnterprise = "13807340001";

    /// <summary>A client holding the signed-in session (cookies), plus the Cookie header to give wrk.</summary>
    public static (HttpClient Client, string Cookie) Browser(string baseUrl, string phone)
    {
        var cookies = new CookieContainer();
        var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(30),
        };
        var token = Token(http, "/account/signin");
        using var response = http.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Phone"] = phone, ["Input.Password"] = Password, ["__RequestVerificationToken"] = token,
        })).GetAwaiter().GetResult();
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"sign-in as {phone} answered {(int)response.StatusCode} (are the demo accounts there?)");
        return (http, cookies.GetCookieHeader(new Uri(baseUrl)));
    }

    public static HttpClient Api(string baseUrl, string phone)
    {
        var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, MaxConnectionsPerServer = 64 })
        {
            BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(30),
        };
        using var response = http.PostAsJsonAsync("/api/v1/auth/token", new { phone, password = Password }).GetAwaiter().GetResult();
        response.EnsureSuccessStatusCode();
        var token = response.Content.ReadFromJsonAsync<JsonElement>().GetAwaiter().GetResult().GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    public static string Token(HttpClient http, string page)
    {
        var html = http.GetStringAsync(page).GetAwaiter().GetResult();
        var match = TokenPattern().Match(html);
        if (!match.Success) throw new InvalidOperationException($"no antiforgery token on {page}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
