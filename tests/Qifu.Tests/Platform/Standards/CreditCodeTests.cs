using Qifu.Web.Platform.Standards;

namespace Qifu.Tests.Platform.Standards;

public sealed class CreditCodeTests
{
    private const string IllegalCharacterSuffix = "位含有非法字符（不能使用 I、O、Z、S、V）";

    [Theory]
    [InlineData("91350100M000100Y43")]
    [InlineData("91350200MA2YJ1XR9G")]
    [InlineData("913502000728319549")]
    [InlineData("91350200776049653A")]
    [InlineData("91440101MA5CJQ4N59")]
    [InlineData("123502001549897397")]
    [InlineData("91430405MA4Q7R2TXC")]
    public void Published_vectors_are_valid_without_warning(string code)
    {
        var check = CreditCode.Check(code);

        Assert.True(check.IsValid, check.Error);
        Assert.Equal(code, check.Normalized);
        Assert.Null(check.Error);
        Assert.Null(check.Warning);
    }

    [Theory]
    [InlineData("91350100M000100Y43")]
    [InlineData("91430405MA4Q7R2TXC")]
    [InlineData("91350200MA2YJ1XR9G")]
    public void Check_character_is_computed_from_the_first_17(string code)
    {
        Assert.Equal(code[17], CreditCode.ComputeCheckCharacter(code[..17]));
        Assert.Equal(code[16], CreditCode.ComputeOrgCodeCheckCharacter(code[8..16]));
    }

    [Fact]
    public void Org_code_check_character_follows_the_domain_example_and_maps_10_and_11()
    {
        Assert.Equal('4', CreditCode.ComputeOrgCodeCheckCharacter("M000100Y"));
        Assert.Equal('X', CreditCode.ComputeOrgCodeCheckCharacter("MA4Q7R2T"));
        // 1×3 + 1×8 = 11 → 11 mod 11 = 0 → 11 − 0 = 11 → '0'.
        Assert.Equal('0', CreditCode.ComputeOrgCodeCheckCharacter("10000100"));
    }

    [Theory]
    [InlineData(null, "请填写统一社会信用代码")]
    [InlineData("   ", "请填写统一社会信用代码")]
    [InlineData("91350100M000100Y4", "统一社会信用代码应为18位")]
    [InlineData("91350100M000100Y433", "统一社会信用代码应为18位")]
    [InlineData("91350100M000100Y44", "校验码不正确，请核对")]
    [InlineData("91350100MO00100Y43", "第10" + IllegalCharacterSuffix)]
    [InlineData("I1350100M000100Y43", "第1" + IllegalCharacterSuffix)]
    [InlineData("91350100M000100Y4#", "第18" + IllegalCharacterSuffix)]
    [InlineData("B1350100M000100Y43", "第1位或第2位登记管理部门/机构类别代码不正确")]
    [InlineData("90350100M000100Y43", "第1位或第2位登记管理部门/机构类别代码不正确")]
    [InlineData("9135A100M000100Y43", "第3至8位应为行政区划代码（6位数字）")]
    public void Invalid_codes_give_the_exact_message(string? input, string message)
    {
        var check = CreditCode.Check(input);

        Assert.False(check.IsValid);
        Assert.Equal(message, check.Error);
        Assert.Null(check.Warning);
    }

    [Theory]
    [InlineData("９１４３０４０５ＭＡ４Ｑ７Ｒ２ＴＸＣ")]
    [InlineData("91430405ma4q7r2txc")]
    [InlineData(" 9143 0405\u3000MA4Q\t7R2TXC\n")]
    [InlineData("９１４３０４０５ｍａ４ｑ７ｒ２ｔｘｃ")]
    public void Full_width_lower_case_and_spaced_copies_normalize_to_the_canonical_code(string input)
    {
        var check = CreditCode.Check(input);

        Assert.Equal("91430405MA4Q7R2TXC", CreditCode.Normalize(input));
        Assert.Equal("91430405MA4Q7R2TXC", check.Normalized);
        Assert.True(check.IsValid);
    }

    [Fact]
    public void Null_normalizes_to_empty()
    {
        Assert.Equal("", CreditCode.Normalize(null));
    }

    [Fact]
    public void Wrong_17th_character_only_warns()
    {
        // Body M000100Y has org-code check '4'; '5' was put in its place and the 18th character recomputed.
        const string code = "91350100M000100Y56";
        Assert.Equal('6', CreditCode.ComputeCheckCharacter(code[..17]));

        var check = CreditCode.Check(code);

        Assert.True(check.IsValid);
        Assert.Null(check.Error);
        Assert.Equal("组织机构代码校验位（第17位）不符，请核对（不影响提交）", check.Warning);
    }

    [Fact]
    public void Region_code_need_not_exist_today()
    {
        // 999999 is no GB/T 2260 code; codes keep their old region for life, so only the format is checked.
        var first17 = "91999999MA4Q7R2TX";
        var code = first17 + CreditCode.ComputeCheckCharacter(first17);

        Assert.True(CreditCode.Check(code).IsValid);
        Assert.Equal("999999", CreditCode.RegionCodeOf(code));
    }

    [Fact]
    public void Region_code_is_characters_3_to_8()
    {
        Assert.Equal("430405", CreditCode.RegionCodeOf("91430405MA4Q7R2TXC"));
    }

    [Fact]
    public void Computing_a_check_character_rejects_bad_input()
    {
        Assert.Throws<ArgumentException>(() => CreditCode.ComputeCheckCharacter("91350100M000100Y"));
        Assert.Throws<ArgumentException>(() => CreditCode.ComputeCheckCharacter("91350100M000100O4"));
        Assert.Throws<ArgumentException>(() => CreditCode.ComputeOrgCodeCheckCharacter("M000100"));
        Assert.Throws<ArgumentException>(() => CreditCode.ComputeOrgCodeCheckCharacter("M00010-Y"));
    }
}
