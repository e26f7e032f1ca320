namespace Qifu.Web.Platform.Errors;

/// <summary>
/// The one exception for a broken business rule. The API edge turns it into problem+json,
/// the page edge into a ModelState error next to <see cref="Field"/>.
/// </summary>
public sealed class RuleViolationException(string code, string message, string? field = null, int status = StatusCodes.Status409Conflict)
    : Exception(message)
{
    public string Code { get; } = code;
    public string? Field { get; } = field;
    public int Status { get; } = status;

    /// <summary>Someone else changed the record between our read and our write (the Version token moved on).</summary>
    public static RuleViolationException Conflict() => new("CONFLICT", "该信息已被他人修改，请刷新后重新操作");
}
