using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Qifu.Web.Platform.Web;

/// <summary>
/// Where <see cref="PublicPages"/> keeps its copies: the same in-memory cache with the same size limit as the framework's store,
/// without its tag index. The framework's store takes one process-wide lock around every write to keep that index, even for an
/// entry without tags, and a page rendered for a reload (<c>Cache-Control: no-cache</c>) is written anew every time; profiled
/// under load, waiting on that lock cost more CPU than rendering the article page (docs/decisions/0026). Qifu evicts by content
/// version, never by tag.
/// </summary>
internal sealed class PublicPageStore(IOptions<OutputCacheOptions> options) : IOutputCacheStore, IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = options.Value.SizeLimit });

    public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Public pages are not tagged: their keys carry the content version (docs/decisions/0022).");

    public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => ValueTask.FromResult(_cache.Get(key) as byte[]);

    public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        _cache.Set(key, value, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = validFor, Size = value.Length });
        return ValueTask.CompletedTask;
    }

    public void Dispose() => _cache.Dispose();
}
