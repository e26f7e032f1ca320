using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Qifu.Web.Modules.Accounts.Data;
using Qifu.Web.Modules.Enterprises.Data;
using Qifu.Web.Modules.Institutions.Data;
using Qifu.Web.Platform.Audit;
using Qifu.Web.Platform.Files;
using Qifu.Web.Platform.Regions;

namespace Qifu.Web.Platform.Database;

/// <summary>
/// The one context. Each module owns its entities and configurations; the provider subclasses
/// below exist only so each provider has its own migration set.
/// </summary>
public abstract class AppDbContext(DbContextOptions options)
    : IdentityDbContext<AppUser, AppRole, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<Region> Regions => Set<Region>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<StoredFile> Files => Set<StoredFile>();
    public DbSet<SignInSession> SignInSessions => Set<SignInSession>();
    public DbSet<SignInLogEntry> SignInLog => Set<SignInLogEntry>();
    public DbSet<Enterprise> Enterprises => Set<Enterprise>();
    public DbSet<Institution> Institutions => Set<Institution>();
    public DbSet<Dictionaries.DictionaryItem> DictionaryItems => Set<Dictionaries.DictionaryItem>();
    public DbSet<Dictionaries.Setting> Settings => Set<Dictionaries.Setting>();
    public DbSet<Modules.Catalogue.Data.ServiceItem> ServiceItems => Set<Modules.Catalogue.Data.ServiceItem>();
    public DbSet<Modules.Catalogue.Data.ServiceItemRevision> ServiceItemRevisions => Set<Modules.Catalogue.Data.ServiceItemRevision>();
    public DbSet<Modules.Catalogue.Data.ServicePackage> ServicePackages => Set<Modules.Catalogue.Data.ServicePackage>();
    public DbSet<Modules.Catalogue.Data.PackageClaim> PackageClaims => Set<Modules.Catalogue.Data.PackageClaim>();
    public DbSet<Modules.ServiceRequests.Data.ServiceRequest> ServiceRequests => Set<Modules.ServiceRequests.Data.ServiceRequest>();
    public DbSet<Modules.ServiceRequests.Data.RequestEvent> RequestEvents => Set<Modules.ServiceRequests.Data.RequestEvent>();
    public DbSet<Modules.ServiceRequests.Data.Evaluation> Evaluations => Set<Modules.ServiceRequests.Data.Evaluation>();
    public DbSet<Modules.ServiceRequests.Data.FollowUp> FollowUps => Set<Modules.ServiceRequests.Data.FollowUp>();
    public DbSet<Modules.Activities.Data.Activity> Activities => Set<Modules.Activities.Data.Activity>();
    public DbSet<Modules.Activities.Data.ActivityRegistration> ActivityRegistrations => Set<Modules.Activities.Data.ActivityRegistration>();
    public DbSet<Modules.Needs.Data.Need> Needs => Set<Modules.Needs.Data.Need>();
    public DbSet<Modules.Needs.Data.Proposal> NeedProposals => Set<Modules.Needs.Data.Proposal>();
    public DbSet<Modules.Needs.Data.NeedDispatch> NeedDispatches => Set<Modules.Needs.Data.NeedDispatch>();
    public DbSet<Modules.Surveys.Data.Questionnaire> Questionnaires => Set<Modules.Surveys.Data.Questionnaire>();
    public DbSet<Modules.Surveys.Data.SurveyBatch> SurveyBatches => Set<Modules.Surveys.Data.SurveyBatch>();
    public DbSet<Modules.Surveys.Data.SurveyResponse> SurveyResponses => Set<Modules.Surveys.Data.SurveyResponse>();
    public DbSet<Modules.Surveys.Data.SurveyAnswer> SurveyAnswers => Set<Modules.Surveys.Data.SurveyAnswer>();
    public DbSet<Modules.Search.Data.SearchChange> SearchChanges => Set<Modules.Search.Data.SearchChange>();
    public DbSet<Modules.Indicators.Data.IndicatorChange> IndicatorChanges => Set<Modules.Indicators.Data.IndicatorChange>();
    public DbSet<Calendar.CalendarDay> CalendarDays => Set<Calendar.CalendarDay>();
    public DbSet<Notifications.InboxMessage> InboxMessages => Set<Notifications.InboxMessage>();
    public DbSet<Consent.DataSharingConsent> DataSharingConsents => Set<Consent.DataSharingConsent>();
    public DbSet<Modules.Content.Data.Article> Articles => Set<Modules.Content.Data.Article>();
    public DbSet<Modules.Content.Data.PolicySubscription> PolicySubscriptions => Set<Modules.Content.Data.PolicySubscription>();
    public DbSet<Modules.Content.Data.PolicyNotice> PolicyNotices => Set<Modules.Content.Data.PolicyNotice>();
    public DbSet<Modules.LoanRenewal.Data.RenewalCase> RenewalCases => Set<Modules.LoanRenewal.Data.RenewalCase>();
    public DbSet<Modules.LoanRenewal.Data.RenewalEvent> RenewalEvents => Set<Modules.LoanRenewal.Data.RenewalEvent>();
    public DbSet<Modules.Enterprises.Data.EnterpriseImportJob> EnterpriseImportJobs => Set<Modules.Enterprises.Data.EnterpriseImportJob>();
    public DbSet<DataProtectionKey> DataProtectionKeys { get; set; } = null!;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        // Times are stored as UTC; SQLite hands them back without a kind, so mark them UTC on the way out.
        configuration.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configuration.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options);

public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options);
