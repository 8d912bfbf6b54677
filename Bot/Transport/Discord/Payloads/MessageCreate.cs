using System.Text.Json;

namespace CompanionBot.Transport.Discord.Payloads;

/// <summary>The parts of a MESSAGE_CREATE the bot uses.</summary>
public sealed record MessageCreate(
    string Id,
    string ChannelId,
    string? GuildId,
    string AuthorId,
    string AuthorName,
    bool AuthorIsBot,
    bool FromWebhook,
    int Type,
    string Content,
    IReadOnlyList<string> MentionedUserIds,
    string? RepliedToAuthorId,
    IReadOnlyList<string> MentionedRoleIds)
{
    public const int DefaultType = 0;
    public const int ReplyType = 19;

    public bool IsDm => GuildId is null;

    public static MessageCreate? Parse(JsonElement d)
    {
        var id = d.Str("id");
        var channel = d.Str("channel_id");
        var author = d.Child("author");
        var authorId = author?.Str("id");
        if (id is null || channel is null || author is not { } a || authorId is null) return null;
        return new MessageCreate(
            id,
            channel,
            d.Str("guild_id"),
            authorId,
            a.Str("global_name") ?? a.Str("username") ?? "someone",
            a.Bool("bot"),
            d.Str("webhook_id") is not null,
            d.Int("type") ?? DefaultType,
            d.Str("content") ?? "",
            [.. d.Items("mentions").Select(m => m.Str("id")).OfType<string>()],
            d.Child("referenced_message")?.Child("author")?.Str("id"),
            [.. d.Items("mention_roles").Select(r => r.ValueKind == JsonValueKind.String ? r.GetString() : null).OfType<string>()]);
    }
}
