using Qifu.Web.Modules.Indicators.Figures;

namespace Qifu.Web.Modules.Portal;

public sealed record Figure(string Label, int? Value, string Unit, string Note);

/// <summary>
/// The data wall (数据墙): the six cumulative headline figures of the city or one county site, as the operations dashboard counts
/// them (Modules/Indicators, decision 0016) — from this node's copy of the figures, current within a minute of a change.
/// </summary>
public sealed class HeadlineFigures(IndicatorFigures indicators)
{
    private static readonly Dictionary<string, string> Notes = new()
    {
        ["institutions"] = "入驻审核通过的服务机构", ["items"] = "经审核发布过的服务项目", ["enterprises"] = "审核通过的企业",
        ["activities"] = "已举办的培训、宣讲、对接等活动", ["evaluations"] = "有办理记录并经企业评价的服务", ["articles"] = "已发布的新闻、通知、政策、解读和案例",
    };

    public async Task<IReadOnlyList<Figure>> ForAsync(string? regionCode) =>
        [.. (await indicators.DataWallAsync(regionCode)).Select(h => new Figure(h.Label, (int)h.Value, h.Unit, Notes[h.Key]))];
}
