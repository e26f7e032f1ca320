using Qifu.Web.Platform.Standards;

namespace Qifu.Tests.Platform.Standards;

public sealed class PersonNameTests
{
    [Theory]
    [InlineData("张三", "张*")]
    [InlineData("欧阳娜娜", "欧***")]
    [InlineData("李", "李")]
    [InlineData(" 王小明 ", "王**")]
    [InlineData("𠀾明", "𠀾*")]
    [InlineData("", "")]
    [InlineData("  ", "")]
    [InlineData(null, "")]
    public void Mask_keeps_the_first_character_only(string? name, string expected)
    {
        Assert.Equal(expected, PersonName.Mask(name));
    }
}
