using System.Text.Json;
using System.Text.Json.Serialization;
using Qifu.Web.Platform.Errors;

namespace Qifu.Web.Modules.Surveys.Data;

/// <summary>题型: 单选, 多选 (max choices, optional 其他), 单行文本, 多行文本, 数字 (optional min/max), 矩阵单选 (rows × shared columns).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<QuestionType>))]
public enum QuestionType { SingleChoice = 0, MultipleChoice = 1, ShortText = 2, LongText = 3, Number = 4, Matrix = 5 }

/// <summary>An option, a matrix row or a matrix column: a stable key ("o3", "r1", "c2") and the words shown.</summary>
public sealed class SurveyChoice
{
    public string Key { get; set; } = "";
    public string Label { get; set; } = "";
}

public sealed class SurveyQuestion
{
    /// <summary>Stable key ("q7"): answers refer to it, so editing the wording or the order never moves an answer.</summary>
    public string Key { get; set; } = "";
    public QuestionType Type { get; set; }
    public string Title { get; set; } = "";
    public string? Help { get; set; }
    public bool Required { get; set; }
    public List<SurveyChoice> Options { get; set; } = [];
    /// <summary>Multiple choice: at most this many (null = any number).</summary>
    public int? MaxChoices { get; set; }
    /// <summary>Choice questions: an extra "其他" option with free text (key <see cref="SurveyDefinition.OtherKey"/>).</summary>
    public bool AllowOther { get; set; }
    public decimal? Min { get; set; }
    public decimal? Max { get; set; }
    public List<SurveyChoice> Rows { get; set; } = [];
    public List<SurveyChoice> Columns { get; set; } = [];

    [JsonIgnore] public bool IsChoice => Type is QuestionType.SingleChoice or QuestionType.MultipleChoice;
    [JsonIgnore] public bool IsText => Type is QuestionType.ShortText or QuestionType.LongText;

    public string OptionLabel(string? key) =>
        key == SurveyDefinition.OtherKey ? "其他" : Options.FirstOrDefault(o => o.Key == key)?.Label ?? key ?? "";
}

public sealed class SurveySection
{
    public string Key { get; set; } = "";
    public string Title { get; set; } = "";
    public List<SurveyQuestion> Questions { get; set; } = [];
}

/// <summary>
/// A questionnaire's content, stored as one JSON column: sections of questions. Keys are handed out from
/// <see cref="NextKey"/> and never reused, so an answer always points at the question (and option) it was given for.
/// </summary>
public sealed class SurveyDefinition
{
    public const string OtherKey = "other";
    public const int MaxQuestions = 100;
    public const int MaxChoicesPerQuestion = 30;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public List<SurveySection> Sections { get; set; } = [];
    public int NextKey { get; set; } = 1;

    [JsonIgnore] public IEnumerable<SurveyQuestion> Questions => Sections.SelectMany(s => s.Questions);

    public SurveyQuestion? Find(string key) => Questions.FirstOrDefault(q => q.Key == key);

    /// <summary>The question's number as the form shows it (1-based across sections).</summary>
    public int NumberOf(SurveyQuestion q) => Questions.TakeWhile(x => x.Key != q.Key).Count() + 1;

    public string NewKey(string prefix) => prefix + NextKey++;

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static SurveyDefinition FromJson(string? json) =>
        string.IsNullOrWhiteSpace(json) ? new SurveyDefinition() : JsonSerializer.Deserialize<SurveyDefinition>(json, Json) ?? new SurveyDefinition();

    /// <summary>
    /// Gives keys to whatever has none (or a key not yet handed out, or one used twice), keeping the keys that exist:
    /// an edited draft keeps the keys of the questions and options it kept.
    /// </summary>
    public void AssignKeys()
    {
        var seen = new HashSet<string>();
        string Keep(string? key, string prefix)
        {
            if (string.IsNullOrWhiteSpace(key) || !seen.Add(key) || !IsKnown(key)) { key = NewKey(prefix); seen.Add(key); }
            return key;
        }
        foreach (var s in Sections)
        {
            s.Key = Keep(s.Key, "s");
            foreach (var q in s.Questions)
            {
                q.Key = Keep(q.Key, "q");
                var local = new HashSet<string>();
                foreach (var list in new[] { q.Options, q.Rows, q.Columns })
                foreach (var c in list)
                {
                    if (string.IsNullOrWhiteSpace(c.Key) || c.Key == OtherKey || !local.Add(c.Key) || !IsKnown(c.Key))
                    {
                        c.Key = NewKey(list == q.Options ? "o" : list == q.Rows ? "r" : "c");
                        local.Add(c.Key);
                    }
                }
            }
        }
    }

    /// <summary>A key is known when it carries a number below <see cref="NextKey"/> (so it was handed out by us).</summary>
    private bool IsKnown(string key) => key.Length > 1 && int.TryParse(key[1..], out var n) && n > 0 && n < NextKey;

    /// <summary>Checks the content; the message names the question (第N题“标题”). Throws 400 QUESTIONNAIRE_INVALID.</summary>
    public void Check()
    {
        static RuleViolationException Bad(string message, string field = "sections") => new("QUESTIONNAIRE_INVALID", message, field, 400);
        if (Questions.Count() > MaxQuestions) throw Bad($"一份问卷最多{MaxQuestions}道题");
        var n = 0;
        foreach (var s in Sections)
        {
            s.Title = (s.Title ?? "").Trim();
            if (s.Title.Length > 100) throw Bad($"部分标题“{s.Title[..20]}…”不能超过100字");
            foreach (var q in s.Questions)
            {
                n++;
                q.Title = (q.Title ?? "").Trim();
                var name = q.Title.Length == 0 ? $"第{n}题" : $"第{n}题“{q.Title}”";
                if (q.Title.Length == 0) throw Bad($"{name}未填写题目");
                if (q.Title.Length > 200) throw Bad($"{name}的题目不能超过200字");
                if (q.Help?.Length > 500) throw Bad($"{name}的说明不能超过500字");
                Clean(q.Options); Clean(q.Rows); Clean(q.Columns);
                switch (q.Type)
                {
                    case QuestionType.SingleChoice or QuestionType.MultipleChoice:
                        if (q.Options.Count + (q.AllowOther ? 1 : 0) < 2) throw Bad($"{name}至少需要2个选项");
                        if (q.Options.Count > MaxChoicesPerQuestion) throw Bad($"{name}最多{MaxChoicesPerQuestion}个选项");
                        Distinct(q.Options, name, "选项");
                        if (q.Options.Any(o => o.Label == "其他") && q.AllowOther) throw Bad($"{name}已勾选“允许填写其他”，请删除名为“其他”的选项");
                        if (q.Type == QuestionType.MultipleChoice && q.MaxChoices is { } max
                            && (max < 1 || max > q.Options.Count + (q.AllowOther ? 1 : 0)))
                            throw Bad($"{name}的最多可选项数应在1至{q.Options.Count + (q.AllowOther ? 1 : 0)}之间");
                        if (q.Type == QuestionType.SingleChoice) q.MaxChoices = null;
                        q.Min = q.Max = null; q.Rows = []; q.Columns = [];
                        break;
                    case QuestionType.Number:
                        if (q.Min is { } lo && q.Max is { } hi && lo > hi) throw Bad($"{name}的最小值不能大于最大值");
                        q.Options = []; q.Rows = []; q.Columns = []; q.MaxChoices = null; q.AllowOther = false;
                        break;
                    case QuestionType.Matrix:
                        if (q.Rows.Count < 1) throw Bad($"{name}至少需要1行");
                        if (q.Columns.Count < 2) throw Bad($"{name}至少需要2列");
                        if (q.Rows.Count > MaxChoicesPerQuestion || q.Columns.Count > 10) throw Bad($"{name}最多{MaxChoicesPerQuestion}行、10列");
                        Distinct(q.Rows, name, "行");
                        Distinct(q.Columns, name, "列");
                        q.Options = []; q.MaxChoices = null; q.AllowOther = false; q.Min = q.Max = null;
                        break;
                    default:
                        q.Options = []; q.Rows = []; q.Columns = []; q.MaxChoices = null; q.AllowOther = false; q.Min = q.Max = null;
                        break;
                }
            }
        }
    }

    /// <summary>A batch can only open on a questionnaire that asks something.</summary>
    public void EnsureAnswerable()
    {
        if (!Questions.Any())
            throw new RuleViolationException("QUESTIONNAIRE_EMPTY", "问卷还没有题目，请先添加题目再开启批次", "questionnaireId", 422);
    }

    private static void Clean(List<SurveyChoice> list)
    {
        foreach (var c in list) c.Label = (c.Label ?? "").Trim();
        list.RemoveAll(c => c.Label.Length == 0);
    }

    private static void Distinct(List<SurveyChoice> list, string name, string what)
    {
        if (list.FirstOrDefault(c => c.Label.Length > 100) is { } tooLong)
            throw new RuleViolationException("QUESTIONNAIRE_INVALID", $"{name}的{what}“{tooLong.Label[..20]}…”不能超过100字", "sections", 400);
        if (list.GroupBy(c => c.Label).FirstOrDefault(g => g.Count() > 1) is { } dup)
            throw new RuleViolationException("QUESTIONNAIRE_INVALID", $"{name}的{what}“{dup.Key}”重复", "sections", 400);
    }
}
