using System.Text.Json;
using CompanionBot.Commands;

namespace CompanionBot.Tests.Commands;

public sealed class DiscordCommandJsonTests
{
    private static readonly DateTimeOffset At = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static InteractionCommand? Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        return DiscordCommandJson.Read(document.RootElement.Clone(), At);
    }

    [Test]
    public void Read_PersonaSetInAServer_ReadsSubcommandOptionsAndThisInvocationsPermissions()
    {
        var command = Read("""
            {"type":2,"guild_id":"900","channel_id":"901","member":{"user":{"id":"42"},"permissions":"2080"},
             "data":{"name":"persona","options":[{"type":1,"name":"set","options":[
               {"type":3,"name":"field","value":"teasing"},{"type":3,"name":"value","value":"0.2"}]}]}}
            """)!;
        var request = command.Request;
        Assert.Multiple(() =>
        {
            Assert.That(request.Name, Is.EqualTo("persona"));
            Assert.That(request.Subcommand, Is.EqualTo("set"));
            Assert.That(request.Options["field"], Is.EqualTo("teasing"));
            Assert.That(request.Options["value"], Is.EqualTo("0.2"));
            Assert.That(request.InvokerId, Is.EqualTo("42"));
            Assert.That(request.GuildId, Is.EqualTo("900"));
            Assert.That(request.ChannelId, Is.EqualTo("901"));
            Assert.That(request.PermissionBits, Is.EqualTo(2080UL));
            Assert.That(request.Scope, Is.EqualTo("guild:900"));
            Assert.That(command.Attachment, Is.Null);
        });
    }

    [Test]
    public async Task Read_ForgedDmInvocationOfAModeratorCommand_IsRefusedByTheService()
    {
        var command = Read("""
            {"type":2,"channel_id":"5","user":{"id":"42"},"data":{"name":"persona","options":[{"type":1,"name":"reset"}]}}
            """)!;
        using var kit = new CommandKit();
        var reply = await kit.RunAsync(command.Request);
        Assert.Multiple(() =>
        {
            Assert.That(command.Request.GuildId, Is.Null);
            Assert.That(command.Request.PermissionBits, Is.Zero);
            Assert.That(reply.Text, Does.Contain("no server to moderate in DMs"));
        });
    }

    [Test]
    public void Read_SubcommandGroupWithChannelAndAttachmentOptions_ReadsThePathAndTheFileToFetch()
    {
        var channels = Read("""
            {"type":2,"guild_id":"900","member":{"user":{"id":"42"},"permissions":"32"},
             "data":{"name":"companion","options":[{"type":2,"name":"channels","options":[{"type":1,"name":"add","options":[{"type":7,"name":"channel","value":"777"}]}]}]}}
            """)!;
        var import = Read("""
            {"type":2,"guild_id":"900","member":{"user":{"id":"42"},"permissions":"32"},
             "data":{"name":"persona","options":[{"type":1,"name":"import","options":[{"type":11,"name":"file","value":"123"}]}],
                     "resolved":{"attachments":{"123":{"id":"123","filename":"p.yaml","size":900,"url":"https://cdn.example/p.yaml"}}}}}
            """)!;
        Assert.Multiple(() =>
        {
            Assert.That(channels.Request.Subcommand, Is.EqualTo("channels add"));
            Assert.That(channels.Request.Options["channel"], Is.EqualTo("777"));
            Assert.That(import.Attachment, Is.EqualTo(new InteractionAttachment("https://cdn.example/p.yaml", "p.yaml", 900)));
        });
    }

    [Test]
    public void Read_ConfirmationButton_RebuildsTheConfirmedRequestForWhoeverPressedIt()
    {
        var command = Read("""
            {"type":3,"guild_id":"900","member":{"user":{"id":"42"},"permissions":"0"},
             "data":{"component_type":2,"custom_id":"confirm|forget||scope=everywhere"}}
            """)!;
        Assert.Multiple(() =>
        {
            Assert.That(command.Request.Name, Is.EqualTo("forget"));
            Assert.That(command.Request.Confirmed, Is.True);
            Assert.That(command.Request.InvokerId, Is.EqualTo("42"));
            Assert.That(command.Request.Options["scope"], Is.EqualTo("everywhere"));
        });
    }

    [Test]
    public void Read_UnknownButton_IsNotACommand()
    {
        Assert.That(Read("""{"type":3,"user":{"id":"1"},"data":{"custom_id":"something-else"}}"""), Is.Null);
    }

    [Test]
    public void Response_ConfirmationReply_IsEphemeralWithADangerButtonAndNeverPings()
    {
        var reply = new CommandReply("sure? <@everyone>", Confirmation: new CommandConfirmation("confirm|forget||scope=here", "Delete everything", "/forget confirm"));
        var json = DiscordCommandJson.Response(reply).ToJsonString();
        using var document = JsonDocument.Parse(json);
        var data = document.RootElement.GetProperty("data");
        var button = data.GetProperty("components")[0].GetProperty("components")[0];
        Assert.Multiple(() =>
        {
            Assert.That(document.RootElement.GetProperty("type").GetInt32(), Is.EqualTo(4));
            Assert.That(data.GetProperty("flags").GetInt32(), Is.EqualTo(64));
            Assert.That(data.GetProperty("allowed_mentions").GetProperty("parse").GetArrayLength(), Is.Zero);
            Assert.That(button.GetProperty("custom_id").GetString(), Is.EqualTo("confirm|forget||scope=here"));
            Assert.That(button.GetProperty("style").GetInt32(), Is.EqualTo(4));
        });
    }

    [Test]
    public void Response_FileAndLongText_NamesTheAttachmentAndCapsTheContent()
    {
        var reply = new CommandReply(new string('a', 2500), File: new CommandFile("export.json", [1, 2]));
        var data = DiscordCommandJson.Response(reply, replacesConfirmation: true)["data"]!;
        Assert.Multiple(() =>
        {
            Assert.That(data["content"]!.GetValue<string>(), Has.Length.EqualTo(2000));
            Assert.That(data["attachments"]![0]!["filename"]!.GetValue<string>(), Is.EqualTo("export.json"));
        });
    }
}
