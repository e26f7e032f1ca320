using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qifu.Web.Platform.Errors;
using Microsoft.AspNetCore.OutputCaching;
using Qifu.Web.Platform.Web;

namespace Qifu.Web.Modules.Search.SearchPage;

/// <summary>全站搜索: one results page for every kind; with no words it browses everything, newest first.</summary>
[AllowAnonymous]
[OutputCache(PolicyName = PublicPages.Policy)]
public sealed class SearchModel(SiteSearch search) : PageModel
{
    public SearchInput Input { get; private set; } = new();
    public SearchResponse? Result { get; private set; }
    public SearchLinks Links { get; private set; } = new(new SearchInput());
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public bool Unavailable { get; private set; }
    public SiteSearch Search => search;

    public async Task OnGetAsync(CancellationToken ct)
    {
        // A bad parameter (usually an edited address) is named, then left out; the rest of the search still runs.
        var input = SearchInput.From(Request.Query);
        var errors = Validation.Errors(input);
        input = input.Without(errors.Keys);
        // The cross-field rule runs only once the fields pass on their own, so ask again without the refused ones.
        foreach (var (field, messages) in Validation.Errors(input)) errors[field] = messages;
        input = input.Without(errors.Keys);
        if (SearchInput.Has(input.Kind) && search.Sources.All(s => s.Kind != input.Kind))
        {
            errors["kind"] = ["内容类型（kind）不存在"];
            input = input with { Kind = null };
        }
        Errors = errors.Values.SelectMany(m => m).ToList();
        Links = new SearchLinks(input);
        Input = input;
        if (errors.ContainsKey("q")) return;
        try
        {
            Result = await search.SearchAsync(input, ct, SiteSearch.WantsFresh(Request));
        }
        catch (RuleViolationException ex) when (ex.Status == StatusCodes.Status503ServiceUnavailable)
        {
            Unavailable = true;
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        }
    }
}
