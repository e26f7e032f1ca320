using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Qifu.Web.Modules.Surveys.Data;

internal sealed class QuestionnaireConfiguration : IEntityTypeConfiguration<Questionnaire>
{
    public void Configure(EntityTypeBuilder<Questionnaire> b)
    {
        b.ToTable("Questionnaires");
        b.Property(e => e.Title).HasMaxLength(100);
        b.Property(e => e.Description).HasMaxLength(2000);
        b.Property(e => e.RegionCode).HasMaxLength(6);
        b.Property(e => e.DefinitionJson).HasMaxLength(200_000);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.HasIndex(e => e.RegionCode);
    }
}

internal sealed class SurveyBatchConfiguration : IEntityTypeConfiguration<SurveyBatch>
{
    public void Configure(EntityTypeBuilder<SurveyBatch> b)
    {
        b.ToTable("SurveyBatches");
        b.Property(e => e.Title).HasMaxLength(100);
        b.Property(e => e.RegionCode).HasMaxLength(6);
        b.Property(e => e.AudienceRegions).HasMaxLength(200);
        b.Property(e => e.AudienceIndustries).HasMaxLength(100);
        b.Property(e => e.AudienceSizes).HasMaxLength(20);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.Ignore(e => e.Regions);
        b.Ignore(e => e.Industries);
        b.Ignore(e => e.Sizes);
        b.HasOne<Questionnaire>().WithMany().HasForeignKey(e => e.QuestionnaireId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.Status, e.ClosesAt });
        b.HasIndex(e => e.RegionCode);
    }
}

internal sealed class SurveyResponseConfiguration : IEntityTypeConfiguration<SurveyResponse>
{
    public void Configure(EntityTypeBuilder<SurveyResponse> b)
    {
        b.ToTable("SurveyResponses");
        b.Property(e => e.EnterpriseName).HasMaxLength(100);
        b.Property(e => e.RegionCode).HasMaxLength(6);
        b.Property(e => e.IndustrySection).HasMaxLength(1);
        b.HasOne<SurveyBatch>().WithMany().HasForeignKey(e => e.BatchId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(e => e.Answers).WithOne().HasForeignKey(a => a.ResponseId).OnDelete(DeleteBehavior.Cascade);
        // One response per enterprise and batch (SECURITY.md IN-09): the last line against a double submission.
        b.HasIndex(e => new { e.BatchId, e.EnterpriseId }).IsUnique();
        b.HasIndex(e => new { e.BatchId, e.RegionCode });
        b.HasIndex(e => e.EnterpriseId);
    }
}

internal sealed class SurveyAnswerConfiguration : IEntityTypeConfiguration<SurveyAnswer>
{
    public void Configure(EntityTypeBuilder<SurveyAnswer> b)
    {
        b.ToTable("SurveyAnswers");
        b.Property(e => e.Id).ValueGeneratedOnAdd();
        b.Property(e => e.RegionCode).HasMaxLength(6);
        b.Property(e => e.IndustrySection).HasMaxLength(1);
        b.Property(e => e.QuestionKey).HasMaxLength(10);
        b.Property(e => e.RowKey).HasMaxLength(10);
        b.Property(e => e.OptionKey).HasMaxLength(10);
        b.Property(e => e.Text).HasMaxLength(2000);
        b.Property(e => e.Number).HasPrecision(18, 4);
        b.HasIndex(e => new { e.BatchId, e.QuestionKey, e.RegionCode });
        b.HasIndex(e => e.ResponseId);
    }
}
