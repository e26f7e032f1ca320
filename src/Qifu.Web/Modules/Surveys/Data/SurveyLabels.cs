namespace Qifu.Web.Modules.Surveys.Data;

/// <summary>The words users see for the module's codes; times in Beijing time.</summary>
public static class SurveyLabels
{
    public static string Label(QuestionType t) => t switch
    {
        QuestionType.SingleChoice => "单选题",
        QuestionType.MultipleChoice => "多选题",
        QuestionType.ShortText => "单行文本",
        QuestionType.LongText => "多行文本",
        QuestionType.Number => "数字",
        QuestionType.Matrix => "矩阵单选",
        _ => t.ToString(),
    };

    public static string Label(BatchStatus s) => s switch
    {
        BatchStatus.Draft => "草稿",
        BatchStatus.Open => "进行中",
        BatchStatus.Closed => "已结束",
        _ => s.ToString(),
    };

    public static string CssClass(BatchStatus s) => s switch
    {
        BatchStatus.Open => "tag tag-ok",
        BatchStatus.Closed => "tag tag-muted",
        _ => "tag tag-pending",
    };

    public static string Time(DateTime utc) => utc.AddHours(8).ToString("yyyy-MM-dd HH:mm");

    public static string Time(DateTime? utc) => utc is { } t ? Time(t) : "—";

    public static string Percent(int part, int whole) => whole == 0 ? "—" : (100.0 * part / whole).ToString("0.0") + "%";
}
