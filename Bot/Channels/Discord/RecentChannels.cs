using System.Globalization;
using System.Text.Json;
using CompanionBot.Transport.Discord;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using CompanionBot.Transport.Discord.Foundation;

namespace CompanionBot.Channels.Discord;

/// <summary>A channel with a recent conversation and the newest message handled in it.</summary>
public sealed record ChannelMark(string ChannelId, string? GuildId, string LastMessageId, DateTimeOffset At);

/// <summary>
/// The channels with recent conversations and the last handled message id in each (Discord:RecentChannelsFile), so a
/// new process can read what members wrote while none was running: Discord.Net never resumes another process's
/// session. The file is rewritten when a channel first appears or its mark is <see cref="RewriteAfter"/> old, so a mark
/// may lag; the catch-up then reads messages already handled, which the handled-id store turns away (deduplicated
/// like live messages), so the lag costs reads, never a second answer. Writes happen off the gateway task.
/// </summary>
public sealed partial class RecentChannels(IOptions<DiscordOptions> options, TimeProvider time, ILogger<RecentChannels> logger)
{
    public static readonly TimeSpan RewriteAfter = TimeSpan.FromSeconds(30);

    /// <summary>The file keeps at most this many channels (the most recent ones).</summary>
    public const int MaxKept = 1_000;

    private readonly Lock _gate = new();
    private Dictionary<string, ChannelMark>? _marks;
    private readonly Dictionary<string, DateTimeOffset> _written = new(StringComparer.Ordinal);

    /// <summary>Marks the message handled in its channel (called once it went through the pipeline).</summary>
    public void Handled(string channelId, string? guildId, string messageId)
    {
        var path = options.Value.RecentChannelsFile;
        if (string.IsNullOrWhiteSpace(path)) return;
        var now = time.GetUtcNow();
        string? json = null;
        lock (_gate)
        {
            var marks = Load(path);
            if (marks.TryGetValue(channelId, out var old) && Newer(old.LastMessageId, messageId)) return;
            marks[channelId] = new ChannelMark(channelId, guildId, messageId, now);
            if (_written.TryGetValue(channelId, out var written) && now - written < RewriteAfter) return;
            _written[channelId] = now;
            json = JsonSerializer.Serialize(marks.Values.OrderByDescending(m => m.At).Take(MaxKept).ToList());
            try
            {
                var directory = Path.GetDirectoryName(Path.GetFullPath(path));
                if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
                var temporary = path + ".tmp";
                File.WriteAllText(temporary, json);
                File.Move(temporary, path, overwrite: true);
            }
            catch (IOException ex)
            {
                LogNotWritten(logger, path, ex.Message);
            }
            catch (UnauthorizedAccessException ex)
            {
                LogNotWritten(logger, path, ex.Message);
            }
        }
    }

    /// <summary>The channels to read again after a start: younger than Discord:CatchUpHours, newest first, at most Discord:CatchUpChannels.</summary>
    public IReadOnlyList<ChannelMark> ToCatchUp()
    {
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.RecentChannelsFile)) return [];
        var since = time.GetUtcNow() - TimeSpan.FromHours(settings.CatchUpHours);
        lock (_gate)
        {
            return [.. Load(settings.RecentChannelsFile).Values.Where(m => m.At >= since).OrderByDescending(m => m.At).Take(settings.CatchUpChannels)];
        }
    }

    private Dictionary<string, ChannelMark> Load(string path)
    {
        if (_marks is not null) return _marks;
        _marks = new Dictionary<string, ChannelMark>(StringComparer.Ordinal);
        try
        {
            if (File.Exists(path))
            {
                foreach (var mark in JsonSerializer.Deserialize<List<ChannelMark>>(File.ReadAllText(path)) ?? []) _marks[mark.ChannelId] = mark;
            }
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            LogUnreadable(logger, path, ex.Message);
        }
        return _marks;
    }

    private static bool Newer(string a, string b) =>
        ulong.TryParse(a, CultureInfo.InvariantCulture, out var x) && ulong.TryParse(b, CultureInfo.InvariantCulture, out var y) && x >= y;

    [LoggerMessage(EventId = 2501, Level = LogLevel.Warning, Message = "Could not write the recent channels file {Path}: {Problem}")]
    private static partial void LogNotWritten(ILogger logger, string path, string problem);

    [LoggerMessage(EventId = 2502, Level = LogLevel.Warning, Message = "The recent channels file {Path} is unreadable and is started afresh: {Problem}")]
    private static partial void LogUnreadable(ILogger logger, string path, string problem);
}
