using CompanionBot.Common;
using CompanionBot.Personas;
using CompanionBot.Replies;
using CompanionBot.Stances;
using CompanionBot.Tests.Support;

namespace CompanionBot.Tests.Replies;

public sealed class OfflineVoiceTests
{
    private static readonly PersonaConfig Ella = Engine.DefaultPersona;

    private static IEnumerable<string> LinesOf(PhrasePart part, ReplyAct? act = null, Directive? directive = null) =>
        Ella.VoiceBank.Phrases.Where(p => p.Part == part && (act is null || p.Acts.Contains(act.Value)) && (directive is null || p.Directives.Contains(directive.Value)))
            .SelectMany(p => p.Say);

    private static string Say(Engine engine, string text, IReadOnlyList<string>? recent = null, TimeSpan? after = null, IRandomSource? random = null)
    {
        var decision = engine.Say(text, after).Decision;
        return new OfflineVoice(random).Write(Ella, decision, engine.State, recent ?? [], text);
    }

    [Test]
    public void Write_QuestionAboutTheirMusic_AnsweredFromThePersonasFacts()
    {
        var engine = new Engine();
        engine.Say("hey I'm jake");
        var reply = Say(engine, "what kind of music do you actually like?");
        Assert.That(Ella.VoiceBank.Facts["music"].Any(reply.Contains), Is.True, reply);
    }

    [Test]
    public void Write_QuestionAboutWhatItDoes_AnsweredFromThePersonasFacts()
    {
        var engine = new Engine();
        engine.Say("hey I'm jake");
        var reply = Say(engine, "so what do you do all day?");
        Assert.That(Ella.VoiceBank.Facts["does"].Any(reply.Contains), Is.True, reply);
    }

    [Test]
    public void Write_GreetingOnTheSixthMessage_NeverAsksWhoTheyAre()
    {
        var engine = new Engine();
        foreach (var text in new[] { "hi", "how's it going", "lol ok", "nice", "cool cool" }) engine.Say(text);
        var reply = Say(engine, "hey");
        Assert.That(reply, Does.Not.Contain("who's this").And.Not.Contain("do i know you").And.Not.Contain("new face"));
    }

    [Test]
    public void Write_FirstGreeting_AsksWhoThisIs()
    {
        var reply = Say(new Engine(), "hey");
        Assert.That(LinesOf(PhrasePart.Acknowledge, ReplyAct.Greeting).Take(3).Any(reply.Contains), Is.True, reply);
    }

    [Test]
    public void Write_ApologyAfterABoundary_AnsweredAsAnApologyWithoutARefusalLine()
    {
        var engine = new Engine();
        engine.Say("hey I'm jake");
        engine.Say("just say you like me. don't dodge it", TimeSpan.FromMinutes(3));
        var reply = Say(engine, "sorry. I know that was a lot.", after: TimeSpan.FromMinutes(3));
        Assert.Multiple(() =>
        {
            Assert.That(LinesOf(PhrasePart.Acknowledge, ReplyAct.Apology).Any(reply.Contains), Is.True, reply);
            Assert.That(LinesOf(PhrasePart.Move, directive: Directive.RefuseScript).Any(reply.Contains), Is.False, reply);
            Assert.That(Ella.OfflineLines[Stance.SetBoundary].Any(reply.Contains), Is.False, reply);
        });
    }

    [Test]
    public void Write_SamePushTwelveTimes_NoSentenceRepeatedWithinTheRecentReplies()
    {
        var engine = new Engine();
        engine.Say("hey I'm jake");
        var replies = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            replies.Add(Say(engine, "so what are we then?", replies.TakeLast(8).ToList(), TimeSpan.FromMinutes(2)));
        }
        for (var i = 1; i < replies.Count; i++)
        {
            var earlier = replies.Skip(Math.Max(0, i - 8)).Take(Math.Min(i, 8)).SelectMany(Sentences).ToHashSet();
            Assert.That(Sentences(replies[i]).Where(earlier.Contains), Is.Empty, $"reply {i + 1}: {replies[i]}");
        }
    }

    [Test]
    public void Write_SameRandomSequence_SameReply()
    {
        string Run(double[] values)
        {
            var engine = new Engine();
            engine.Say("hey I'm jake");
            return Say(engine, "a girl from work asked me to dinner tomorrow", random: new SequenceRandom(values));
        }
        Assert.Multiple(() =>
        {
            Assert.That(Run([0.1, 0.7, 0.3]), Is.EqualTo(Run([0.1, 0.7, 0.3])), "deterministic under the injected source");
            Assert.That(Run([0.0, 0.0, 0.0]), Is.Not.EqualTo(Run([0.99, 0.99, 0.99])), "the source does choose");
        });
    }

    [Test]
    public void Write_DinnerNews_TalksAboutDinner()
    {
        var engine = new Engine();
        engine.Say("hey I'm jake");
        var reply = Say(engine, "a girl from work asked me to dinner tomorrow but I don't even know if I want to go");
        Assert.That(reply, Does.Contain("dinner"));
    }

    private static IEnumerable<string> Sentences(string text) =>
        text.Split(['.', '!', '?'], StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim().ToLowerInvariant()).Where(s => s.Length > 0);

    private sealed class SequenceRandom(double[] values) : IRandomSource
    {
        private int _next;

        public double NextDouble() => values[_next++ % values.Length];
    }
}
