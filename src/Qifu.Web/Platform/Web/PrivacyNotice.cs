namespace Qifu.Web.Platform.Web;

/// <summary>The 个人信息处理规则 version users consent to; recorded with each registration (PI-02).</summary>
public static class PrivacyNotice
{
    public const string Version = "2026-11";

    public static string ConsentNote => $"已同意《个人信息处理规则》（{Version}版）";
}
