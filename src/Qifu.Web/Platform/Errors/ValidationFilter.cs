using System.ComponentModel.DataAnnotations;

namespace Qifu.Web.Platform.Errors;

/// <summary>Validates DataAnnotations on API inputs once, at the edge (as davidfowl/TodoApi does).</summary>
internal static class Validation
{
    public static Dictionary<string, string[]> Errors(object input)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(input, new ValidationContext(input), results, validateAllProperties: true);
        return results
            .SelectMany(r => (r.MemberNames.Any() ? r.MemberNames : [""]).Select(m => (m, r.ErrorMessage ?? "")))
            .GroupBy(x => ToCamel(x.Item1))
            .ToDictionary(g => g.Key, g => g.Select(x => x.Item2).ToArray());
    }

    private static string ToCamel(string name) =>
        string.IsNullOrEmpty(name) ? name : char.ToLowerInvariant(name[0]) + name[1..];

    public static RouteHandlerBuilder Validated<T>(this RouteHandlerBuilder builder) where T : class =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var input = context.Arguments.OfType<T>().FirstOrDefault();
            if (input is null)
                return ProblemResults.Validation(context.HttpContext, new Dictionary<string, string[]> { [""] = ["请求内容不能为空"] });
            var errors = Errors(input);
            return errors.Count > 0 ? ProblemResults.Validation(context.HttpContext, errors) : await next(context);
        });
}
