using Qifu.Web.Platform.Standards;

namespace Qifu.Tests.Platform.Standards;

public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("+86 138-0000-0000", "13800000000")]
    [InlineData("0086 13800000000", "13800000000")]
    [InlineData("＋８６ １３８－００００－００００", "13800000000")]
    [InlineData(" 138 0000 0000 ", "13800000000")]
    [InlineData("0734-8221234", "07348221234")]
    [InlineData(null, "")]
    public void Normalize_strips_country_prefix_spaces_hyphens_and_full_width(string? input, string expected)
    {
        Assert.Equal(expected, PhoneNumber.Normalize(input));
    }

    [Theory]
    [InlineData("13800000000", true)]
    [InlineData("19912345678", true)]
    [InlineData("12800000000", false)]
    [InlineData("1380000000", false)]
    [InlineData("138000000000", false)]
    [InlineData("07348221234", false)]
    [InlineData("", false)]
    public void Mobile_numbers_are_11_digits_starting_13_to_19(string normalized, bool isMobile)
    {
        Assert.Equal(isMobile, PhoneNumber.IsMobile(normalized));
    }

    [Theory]
    [InlineData("13812345678", "138****5678")]
    [InlineData("+86 138-1234-5678", "138****5678")]
    [InlineData("0734-8221234", "073******34")]
    [InlineData("12345", "*****")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Mask_hides_the_middle(string? phone, string expected)
    {
        Assert.Equal(expected, PhoneNumber.Mask(phone));
    }
}
