using CompanionBot.Commands;
using Microsoft.Extensions.Logging;

namespace CompanionBot.Transport.Discord;

/// <summary>
/// Fetches the text of a file attached to a command (a persona or scenario YAML) from Discord's CDN, refusing
/// anything larger than <see cref="MaxBytes"/>. A failure is a value (null), never an exception.
/// </summary>
public sealed class AttachmentDownloader(HttpClient http, TimeProvider time, ILogger<AttachmentDownloader> logger)
{
    public const int MaxBytes = 64 * 1024;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public async Task<string?> TextAsync(InteractionAttachment attachment, CancellationToken ct)
    {
        if (attachment.Size > MaxBytes || !Uri.TryCreate(attachment.Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            return null;
        }
        using var timeout = new CancellationTokenSource(Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        try
        {
            using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode) return null;
            await using var stream = await response.Content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false);
            var buffer = new byte[MaxBytes + 1];
            var read = 0;
            while (read < buffer.Length)
            {
                var n = await stream.ReadAsync(buffer.AsMemory(read), linked.Token).ConfigureAwait(false);
                if (n == 0) break;
                read += n;
            }
            return read > MaxBytes ? null : System.Text.Encoding.UTF8.GetString(buffer, 0, read);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            TransportLog.AttachmentFailed(logger, attachment.FileName, ex.GetType().Name);
            return null;
        }
    }
}
