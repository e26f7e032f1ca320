using Qifu.Web.Platform.Files;

namespace Qifu.Web.Modules.LoanRenewal;

/// <summary>One document of the renewal checklist (DOMAIN.md §4.5).</summary>
public sealed record ChecklistItem(string Code, string Label, bool Required, string Hint);

/// <summary>
/// The documents a renewal case carries. A fixed list in code (decisions/0014): it changes with policy, rarely, and a
/// change should be reviewed together with the desk's completeness rule (受理 needs every required document).
/// Each document is uploaded under the form field <c>doc_{code}</c>.
/// </summary>
public static class Checklist
{
    public const int MaxFilesPerDocument = 3;
    public const int MaxFilesPerStep = 20;
    public const string FieldPrefix = "doc_";
    /// <summary>Files a bank attaches to its due diligence (not part of the checklist).</summary>
    public const string BankAttachment = "bank";

    public static readonly ChecklistItem[] Items =
    [
        new("application", "续贷申请书", true, "写明申请续贷金额、期限、用途和原贷款情况，加盖公章"),
        new("licence", "营业执照", true, "副本复印件加盖公章"),
        new("legal-id", "法定代表人身份证明", true, "身份证正反面复印件"),
        new("loan-contract", "原借款合同及担保合同", true, "含抵押、保证合同和借款借据"),
        new("financials", "财务报表", true, "近两年年报及最近一期资产负债表、利润表"),
        new("bank-statements", "银行流水", true, "近6个月基本户流水"),
        new("tax", "纳税证明", false, "近一年纳税申报表或完税证明"),
        new("business", "经营证明材料", false, "购销合同、订单、发票等"),
        new("credit-auth", "征信查询授权书", false, "企业及实际控制人、保证人的征信查询授权"),
        new("resolution", "股东会或董事会决议", false, "同意借款及担保的决议"),
        new("collateral", "抵押物权属证明", false, "有抵押担保时提供，含评估报告"),
    ];

    public static bool IsKnown(string code) => Items.Any(i => i.Code == code);

    public static string Label(string code) => code == BankAttachment ? "银行附件" : Items.FirstOrDefault(i => i.Code == code)?.Label ?? code;

    /// <summary>The written limits (SECURITY.md FI-01): PDF, JPG or PNG, 10 MB each; the purpose carries the document code.</summary>
    public static UploadRule RuleFor(string code) =>
        new("loan:" + code, Label(code), 10 * 1024 * 1024, [FileKind.Pdf, FileKind.Jpeg, FileKind.Png]);

    public static string? CodeOfPurpose(string purpose) => purpose.StartsWith("loan:", StringComparison.Ordinal) ? purpose[5..] : null;

    /// <summary>Required documents that no file of the case covers yet.</summary>
    public static IReadOnlyList<ChecklistItem> Missing(IEnumerable<string> presentCodes)
    {
        var present = presentCodes.ToHashSet();
        return Items.Where(i => i.Required && !present.Contains(i.Code)).ToList();
    }
}
