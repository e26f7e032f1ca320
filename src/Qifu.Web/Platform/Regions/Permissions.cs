namespace Qifu.Web.Platform.Regions;

/// <summary>Permission keys (constants in code) and the roles that hold them. Each key is also an authorization policy.</summary>
public static class Permissions
{
    public const string ReviewRegistrations = "registration:review";
    public const string ExportRegistrations = "registration:export";
    public const string ImportEnterprises = "enterprise:import";
    public const string MarkCoreInstitution = "institution:core";
    public const string ManageAccounts = "account:manage";
    public const string ReadAudit = "audit:read";
    public const string ManageDictionaries = "dictionary:manage";
    public const string ActAsEnterprise = "enterprise:self";
    public const string ActAsInstitution = "institution:self";
    public const string Operate = "platform:operate";
    public const string ReviewItems = "item:review";
    public const string ManagePackages = "package:manage";
    public const string FollowUpEvaluations = "evaluation:follow-up";
    public const string ModerateEvaluations = "evaluation:moderate";
    public const string DecideAppeals = "evaluation:appeal";
    public const string ManageCalendar = "calendar:manage";
    public const string PublishArticles = "article:publish";
    public const string ReviewArticles = "article:review";
    public const string ManageActivities = "activity:manage";
    public const string ReviewActivities = "activity:review";
    public const string CheckInActivities = "activity:check-in";
    public const string ManageNeeds = "need:manage";
    public const string ManageSurveys = "survey:manage";
    public const string LoanRenewalDesk = "loan-renewal:desk";
    public const string ReadIndicators = "indicator:read";

    public static readonly IReadOnlyDictionary<string, string[]> Grants = new Dictionary<string, string[]>
    {
        [ReviewRegistrations] = Roles.Operators,
        [ExportRegistrations] = Roles.Operators,
        [ImportEnterprises] = Roles.Operators,
        [Operate] = Roles.Operators,
        [ReviewItems] = Roles.Operators,
        [ManagePackages] = Roles.Operators,
        [FollowUpEvaluations] = Roles.Operators,
        [ModerateEvaluations] = Roles.Operators,
        [DecideAppeals] = [Roles.CityOperator],
        [ManageCalendar] = [Roles.CityOperator],
        [PublishArticles] = Roles.Operators,
        [ReviewArticles] = [Roles.CityOperator],
        [ManageActivities] = [.. Roles.Operators, Roles.Institution],
        [ReviewActivities] = Roles.Operators,
        [CheckInActivities] = [.. Roles.Operators, Roles.Institution],
        [ManageNeeds] = Roles.Operators,
        [ManageSurveys] = Roles.Operators,
        [LoanRenewalDesk] = Roles.Operators,
        [ReadIndicators] = Roles.Operators,
        [MarkCoreInstitution] = [Roles.CityOperator],
        [ManageAccounts] = [Roles.CityOperator],
        [ReadAudit] = [Roles.CityOperator],
        [ManageDictionaries] = [Roles.CityOperator],
        [ActAsEnterprise] = [Roles.Enterprise],
        [ActAsInstitution] = [Roles.Institution],
    };

    public static bool Has(System.Security.Claims.ClaimsPrincipal user, string permission) =>
        Grants[permission].Any(user.IsInRole);
}
