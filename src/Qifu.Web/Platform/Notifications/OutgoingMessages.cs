using System.Threading.Channels;

namespace Qifu.Web.Platform.Notifications;

public sealed record OutgoingMessage(Channel Channel, string To, string Subject, string Body);

/// <summary>
/// SMS and e-mail waiting to be handed to their senders, off the request thread: a slow SMS gateway never holds up a page.
/// In memory: a message queued when the process dies is lost (the inbox copy is not); a database outbox comes with a real gateway.
/// </summary>
public sealed class OutgoingMessages
{
    private readonly System.Threading.Channels.Channel<OutgoingMessage> _queue = System.Threading.Channels.Channel.CreateUnbounded<OutgoingMessage>();

    public void Enqueue(OutgoingMessage message) => _queue.Writer.TryWrite(message);

    public IAsyncEnumerable<OutgoingMessage> ReadAllAsync(CancellationToken ct) => _queue.Reader.ReadAllAsync(ct);
}

internal sealed class OutgoingMessageSender(OutgoingMessages queue, ISmsSender sms, IEmailSender email, ILogger<OutgoingMessageSender> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var m in queue.ReadAllAsync(stoppingToken))
            {
                try
                {
                    if (m.Channel == Channel.Sms) await sms.SendAsync(m.To, m.Subject);
                    else await email.SendAsync(m.To, m.Subject, m.Body);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    log.LogWarning(ex, "{Channel} to a user could not be sent", m.Channel);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
