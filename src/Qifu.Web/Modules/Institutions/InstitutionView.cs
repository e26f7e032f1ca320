using Qifu.Web.Modules.Institutions.Data;
using Qifu.Web.Platform.Files;

namespace Qifu.Web.Modules.Institutions;

/// <summary>What the details partial shows; contact details are masked unless <see cref="Own"/> (PI-05).</summary>
public sealed record InstitutionView(Institution Institution, IReadOnlyList<StoredFile> Files, bool Own, DateOnly Today);
