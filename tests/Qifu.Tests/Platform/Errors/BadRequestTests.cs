using System.Net;
using System.Text.Json;
using Qifu.Tests.Support;

namespace Qifu.Tests.Platform.Errors;

/// <summary>A query parameter the API cannot read gets 400 with a zh-CN message naming the parameter, never the framework's English.</summary>
[Collection(SharedApp.Name)]
public sealed class BadRequestTests(QifuApp app)
{
    [Theory]
    [InlineData("/api/v1/articles?page=abc", "page", "参数 page 的值“abc”无效，应为整数")]
    [InlineData("/api/v1/articles?page=99999999999", "page", "参数 page 的值“99999999999”无效，应为整数")]
    [InlineData("/api/v1/policies?level=Galaxy", "level", "参数 level 的值“Galaxy”无效，应为该参数允许的取值")]
    public async Task A_query_parameter_that_cannot_be_read_is_named_in_chinese(string path, string field, string message)
    {
        var response = await app.CreateClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType!.ToString());
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Failed to bind", body);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal("BAD_REQUEST", problem.GetProperty("code").GetString());
        Assert.Equal(message, problem.GetProperty("detail").GetString());
        Assert.Equal(message, problem.GetProperty("errors").GetProperty(field)[0].GetString());
    }

    [Fact]
    public async Task A_page_number_that_cannot_be_read_on_a_page_shows_the_first_page()
    {
        var html = await app.CreateClient().GetStringAsync("/articles?page=abc");
        Assert.Contains("第 1 / ", html);
    }
}
