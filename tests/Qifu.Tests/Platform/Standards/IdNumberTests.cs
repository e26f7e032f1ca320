using Qifu.Web.Platform.Standards;

namespace Qifu.Tests.Platform.Standards;

public sealed class IdNumberTests
{
    private static readonly DateOnly Today = new(2026, 6, 1);

    [Theory]
    [InlineData("11010519491231002X")]
    [InlineData("440524188001010014")]
    [InlineData("110105200002290021")]
    public void Standard_vectors_are_valid(string id)
    {
        var check = IdNumber.Check(id, Today);

        Assert.True(check.IsValid, check.Error);
        Assert.Equal(id, check.Normalized);
    }

    [Theory]
    [InlineData("11010519491231002x")]
    [InlineData(" 11010519491231002X ")]
    [InlineData("１１０１０５１９４９１２３１００２ｘ")]
    public void Lower_case_x_spaces_and_full_width_digits_are_normalized(string input)
    {
        var check = IdNumber.Check(input, Today);

        Assert.True(check.IsValid, check.Error);
        Assert.Equal("11010519491231002X", check.Normalized);
    }

    [Theory]
    [InlineData(null, "请填写身份证号码")]
    [InlineData("  ", "请填写身份证号码")]
    [InlineData("110105491231002", "请填写18位身份证号码")]
    [InlineData("11010519491231002", "身份证号码格式不正确")]
    [InlineData("1101051949123100XX", "身份证号码格式不正确")]
    [InlineData("11010519491231002Y", "身份证号码格式不正确")]
    [InlineData("110105194913310021", "身份证号码中的出生日期不正确")]
    [InlineData("110105190002290025", "身份证号码中的出生日期不正确")]
    [InlineData("430405203001010010", "身份证号码中的出生日期不正确")]
    [InlineData("110105194912310021", "身份证号码校验位不正确")]
    [InlineData("440524188001010015", "身份证号码校验位不正确")]
    public void Invalid_numbers_give_the_exact_message(string? input, string message)
    {
        var check = IdNumber.Check(input, Today);

        Assert.False(check.IsValid);
        Assert.Equal(message, check.Error);
    }

    [Fact]
    public void Birth_date_of_today_is_accepted_and_tomorrow_is_not()
    {
        var dayBefore = IdNumber.Check("11010519491231002X", new DateOnly(1949, 12, 30));

        Assert.False(dayBefore.IsValid);
        Assert.Equal("身份证号码中的出生日期不正确", dayBefore.Error);
        Assert.True(IdNumber.Check("11010519491231002X", new DateOnly(1949, 12, 31)).IsValid);
    }

    [Fact]
    public void Mask_keeps_first_3_and_last_4()
    {
        Assert.Equal("110***********002X", IdNumber.Mask("11010519491231002X"));
        Assert.Equal("440***********0014", IdNumber.Mask("440524188001010014"));
    }
}
