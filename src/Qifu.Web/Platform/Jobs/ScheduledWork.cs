using Quartz;

namespace Qifu.Web.Platform.Jobs;

/// <summary>
/// Work a timer runs in the background (a deadline sweep, a reminder). Every web node runs it on its own schedule, so
/// it must be safe when two nodes run it at the same moment: each record is changed under its concurrency token, and a
/// node that loses the race skips that record (docs/decisions/0007). Tests call <see cref="RunAsync"/> directly.
/// </summary>
public interface IScheduledWork
{
    Task RunAsync(CancellationToken ct = default);
}

public static class ScheduledWork
{
    /// <summary>false stops the timers (tests that drive the work themselves, a node that should only serve pages).</summary>
    public const string EnabledKey = "Qifu:Jobs:Enabled";

    /// <summary>
    /// Registers <typeparamref name="T"/> (scoped) and a Quartz trigger that runs it every <paramref name="every"/>, the
    /// first time one interval after start-up. Quartz's in-memory store is enough: the schedule is code, not data.
    /// </summary>
    public static IServiceCollection AddScheduledWork<T>(this IServiceCollection services, string name, TimeSpan every)
        where T : class, IScheduledWork
    {
        services.AddScoped<T>();
        services.AddQuartz(q =>
        {
            // The scheduler keeps real time even where the application's clock is a test double.
            q.UseTimeProvider(TimeProvider.System);
            var key = new JobKey(name, "qifu");
            q.AddJob<ScheduledWorkJob<T>>(j => j.WithIdentity(key).DisallowConcurrentExecution());
            q.AddTrigger(t => t.ForJob(key).WithIdentity(name + "-every", "qifu")
                .StartAt(DateTimeOffset.UtcNow.Add(every))
                .WithSimpleSchedule(s => s.WithInterval(every).RepeatForever()));
        });
        if (services.All(d => d.ServiceType != typeof(JobsRegistered)))
        {
            services.AddSingleton<JobsRegistered>();
            services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
            services.AddOptions<QuartzHostedServiceOptions>()
                .Configure<IConfiguration>((o, config) => o.AutoStart = config.GetValue(EnabledKey, true));
        }
        return services;
    }

    private sealed class JobsRegistered;
}

/// <summary>Runs one piece of work in its own DI scope (its own DbContext) and logs what went wrong instead of retrying.</summary>
[DisallowConcurrentExecution]
internal sealed class ScheduledWorkJob<T>(IServiceScopeFactory scopes, ILogger<ScheduledWorkJob<T>> log) : IJob
    where T : class, IScheduledWork
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<T>().RunAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The next run tries again; a failing sweep must not stop the scheduler.
            log.LogError(ex, "Scheduled work {Work} failed", typeof(T).Name);
        }
    }
}
