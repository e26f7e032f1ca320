using Microsoft.EntityFrameworkCore;
using Qifu.Web.Platform.Database;
using Qifu.Web.Platform.Files;

namespace Qifu.Web.Modules.Content.PublishArticles;

/// <summary>An article's cover image (one) and attachments (up to ten); public once the article is.</summary>
public sealed class ArticleFiles(AppDbContext db, FileStore store)
{
    public const string AttachmentOwner = "article";
    public const string CoverOwner = "article-cover";
    public const int MaxAttachments = 10;
    public static readonly UploadRule AttachmentRule = new("article-attachment", "附件", 20 * 1024 * 1024, [FileKind.Pdf, FileKind.Jpeg, FileKind.Png]);
    public static readonly UploadRule CoverRule = new("article-cover", "封面图片", 5 * 1024 * 1024, [FileKind.Jpeg, FileKind.Png]);

    public Task<List<StoredFile>> SaveAttachmentsAsync(IReadOnlyList<IFormFile> uploads, Guid articleId, Guid? by) =>
        store.SaveAllAsync(uploads, AttachmentRule, MaxAttachments, AttachmentOwner, articleId, by, "attachments");

    public Task<List<StoredFile>> SaveCoverAsync(IFormFile? cover, Guid articleId, Guid? by) =>
        store.SaveAllAsync(cover is null ? [] : [cover], CoverRule, 1, CoverOwner, articleId, by, "cover");

    public void Discard(IEnumerable<StoredFile> files) => store.Discard(files);

    public Stream? Open(StoredFile f) => store.Open(f);

    public Task<List<StoredFile>> ListAsync(Guid articleId, string owner = AttachmentOwner, bool tracked = false) =>
        (tracked ? db.Files : db.Files.AsNoTracking()).Where(f => f.OwnerType == owner && f.OwnerId == articleId)
            .OrderBy(f => f.UploadedAt).ThenBy(f => f.FileName).ToListAsync();
}
