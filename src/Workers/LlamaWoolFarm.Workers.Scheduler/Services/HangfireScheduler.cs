using System.Text.Json;
using Hangfire;
using Hangfire.States;
using LlamaWoolFarm.Workers.Scheduler.Jobs;

namespace LlamaWoolFarm.Workers.Scheduler.Services;

/// <summary>
/// Keeps MassTransit schedules as Hangfire jobs. Next to each job a small record in the same Hangfire storage names
/// the live generation of a one-shot token, or a recurring schedule with its paused flag, so cancel, reschedule,
/// pause and resume are decided by the record the job reads when it runs.
/// </summary>
public sealed class HangfireScheduler(JobStorage storage, IBackgroundJobClient jobs, IRecurringJobManager recurringJobs)
{
    private const string JobIdField = "JobId";
    private const string GenerationField = "Generation";
    private const string DeliveryField = "Delivery";
    private const string CronField = "Cron";
    private const string TimeZoneField = "TimeZone";
    private const string StartField = "Start";
    private const string EndField = "End";
    private const string PausedField = "Paused";

    /// <summary>Schedules a one-shot send; an earlier schedule of the same token is replaced.</summary>
    public string Schedule(ScheduledDelivery delivery, DateTimeOffset due)
    {
        var key = TokenKey(delivery.TokenId ?? throw new ArgumentException("A scheduled message needs a token id.", nameof(delivery)));
        var previous = Read(key).GetValueOrDefault(JobIdField);

        // The generation is recorded before the job exists, so a job due at once never finds itself unknown.
        Write(key, new() { [GenerationField] = delivery.Generation });
        var jobId = jobs.Create<ScheduledSendJob>(j => j.SendAsync(delivery, CancellationToken.None), new ScheduledState(due.UtcDateTime));
        Write(key, new() { [GenerationField] = delivery.Generation, [JobIdField] = jobId });
        if (previous is not null)
        {
            jobs.Delete(previous);
        }

        return jobId;
    }

    /// <summary>Cancels a one-shot send; returns false when none was pending.</summary>
    public bool Cancel(Guid tokenId)
    {
        var key = TokenKey(tokenId.ToString("N"));
        var entries = Read(key);
        RemoveHash(key);
        return entries.TryGetValue(JobIdField, out var jobId) && jobs.Delete(jobId);
    }

    /// <summary>Whether a one-shot job is still the live schedule of its token.</summary>
    public bool IsCurrent(ScheduledDelivery delivery) =>
        delivery.TokenId is null || Read(TokenKey(delivery.TokenId)).GetValueOrDefault(GenerationField) == delivery.Generation;

    /// <summary>Forgets a token once its message left, so a re-run of the same job sends nothing more.</summary>
    public void Complete(ScheduledDelivery delivery)
    {
        if (delivery.TokenId is not null && IsCurrent(delivery))
        {
            RemoveHash(TokenKey(delivery.TokenId));
        }
    }

    /// <summary>Adds or replaces a recurring schedule (Quartz or cron syntax, seconds allowed) in its time zone.</summary>
    public void ScheduleRecurring(string scheduleKey, ScheduledDelivery delivery, string cron, string? timeZoneId, DateTimeOffset? start, DateTimeOffset? end)
    {
        var record = new Dictionary<string, string>
        {
            [DeliveryField] = JsonSerializer.Serialize(delivery),
            [CronField] = NormalizeCron(cron),
            [TimeZoneField] = string.IsNullOrWhiteSpace(timeZoneId) ? "UTC" : timeZoneId,
            [StartField] = start?.ToString("O") ?? string.Empty,
            [EndField] = end?.ToString("O") ?? string.Empty,
            [PausedField] = "false",
        };
        // The record comes first, so an occurrence due at once finds its schedule; Hangfire refuses a bad expression
        // with an ArgumentException, which the receive policy does not retry, and the record goes with it.
        Write(RecurringKey(scheduleKey), record);
        try
        {
            AddOrUpdate(scheduleKey, record);
        }
        catch (ArgumentException)
        {
            RemoveHash(RecurringKey(scheduleKey));
            throw;
        }
    }

    /// <summary>Removes a recurring schedule; returns false when there was none.</summary>
    public bool CancelRecurring(string scheduleKey)
    {
        var existed = Read(RecurringKey(scheduleKey)).Count > 0;
        RemoveHash(RecurringKey(scheduleKey));
        recurringJobs.RemoveIfExists(scheduleKey);
        return existed;
    }

    /// <summary>Stops the occurrences of a recurring schedule until it is resumed.</summary>
    public bool PauseRecurring(string scheduleKey)
    {
        var record = Read(RecurringKey(scheduleKey));
        if (record.Count == 0)
        {
            return false;
        }

        record[PausedField] = "true";
        Write(RecurringKey(scheduleKey), record);
        recurringJobs.RemoveIfExists(scheduleKey);
        return true;
    }

    /// <summary>Starts a paused recurring schedule again from its next occurrence.</summary>
    public bool ResumeRecurring(string scheduleKey)
    {
        var record = Read(RecurringKey(scheduleKey));
        if (record.Count == 0)
        {
            return false;
        }

        record[PausedField] = "false";
        AddOrUpdate(scheduleKey, record);
        Write(RecurringKey(scheduleKey), record);
        return true;
    }

    /// <summary>Whether a recurring schedule exists and is not paused.</summary>
    public bool IsRecurringActive(string scheduleKey)
    {
        var record = Read(RecurringKey(scheduleKey));
        return record.Count > 0 && record.GetValueOrDefault(PausedField) != "true";
    }

    /// <summary>
    /// Quartz expressions (MassTransit's format) have seconds first and may end with a year; Hangfire takes five or
    /// six fields, so a trailing any-year is dropped.
    /// </summary>
    public static string NormalizeCron(string cron)
    {
        var fields = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length == 7 && fields[6] is "*" or "?")
        {
            fields = fields[..6];
        }

        if (fields.Length is < 5 or > 6)
        {
            throw new ArgumentException($"Cron expression '{cron}' must have 5 or 6 fields (seconds first when 6).", nameof(cron));
        }

        return string.Join(' ', fields);
    }

    private void AddOrUpdate(string scheduleKey, Dictionary<string, string> record)
    {
        var delivery = JsonSerializer.Deserialize<ScheduledDelivery>(record[DeliveryField])!;
        DateTimeOffset? start = DateTimeOffset.TryParse(record[StartField], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var s) ? s : null;
        DateTimeOffset? end = DateTimeOffset.TryParse(record[EndField], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var e) ? e : null;
        recurringJobs.AddOrUpdate<ScheduledSendJob>(
            scheduleKey,
            j => j.SendRecurringAsync(scheduleKey, delivery, start, end, CancellationToken.None),
            record[CronField],
            new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(record[TimeZoneField]) });
    }

    private static string TokenKey(string tokenId) => "lwf-scheduler:token:" + tokenId;

    private static string RecurringKey(string scheduleKey) => "lwf-scheduler:recurring:" + scheduleKey;

    private Dictionary<string, string> Read(string key)
    {
        using var connection = storage.GetConnection();
        return connection.GetAllEntriesFromHash(key) ?? [];
    }

    private void Write(string key, Dictionary<string, string> values)
    {
        using var connection = storage.GetConnection();
        using var transaction = connection.CreateWriteTransaction();
        transaction.SetRangeInHash(key, values);
        transaction.Commit();
    }

    private void RemoveHash(string key)
    {
        using var connection = storage.GetConnection();
        using var transaction = connection.CreateWriteTransaction();
        transaction.RemoveHash(key);
        transaction.Commit();
    }
}
