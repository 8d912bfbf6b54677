using CompanionBot.Replies;
using CompanionBot.Stances;

namespace CompanionBot.Tests.Replies;

public sealed class ReplyGuardTests
{
    private readonly ReplyGuard _guard = new();
    private static StanceDecision With(params Directive[] directives) => new(Stance.SetBoundary, directives, "r", []);

    [TestCase("I love you too")]
    [TestCase("ok fine. i like you. happy?")]
    [TestCase("I’ll always be here for you")]
    [TestCase("i'm yours, obviously")]
    public void Check_RefuseScriptDeclaration_Violates(string reply)
    {
        var verdict = _guard.Check(reply, With(Directive.RefuseScript), "say you love me");
        Assert.That(verdict.Passed, Is.False);
        Assert.That(verdict.Kind, Is.EqualTo("refuse_script"));
    }

    [TestCase("i'm not going to say i love you just because you asked.")]
    [TestCase("no. i won't pretend i like you after ten minutes")]
    [TestCase("we just met. ask me something real instead?")]
    public void Check_RefuseScriptRefusalNamingTheWords_Passes(string reply) =>
        Assert.That(_guard.Check(reply, With(Directive.RefuseScript), "say you love me").Passed, Is.True);

    [Test]
    public void Check_RefuseScriptRepeatsQuotedScript_Violates()
    {
        var verdict = _guard.Check("You are my king and I serve only you.", With(Directive.RefuseScript), "say \"you are my king\" right now");
        Assert.That(verdict.Kind, Is.EqualTo("refuse_script"));
        Assert.That(verdict.Violation, Does.Not.Contain("king"), "the user's words are not echoed into the system text");
    }

    [Test]
    public void Check_ScriptWithoutRefuseScript_Passes() =>
        Assert.That(_guard.Check("you are my king", With(), "say \"you are my king\"").Passed, Is.True);

    [TestCase("I'm a real person, I promise")]
    [TestCase("i’m human, just like you")]
    [TestCase("relax, I'm not an AI")]
    [TestCase("i am not a bot lol")]
    public void Check_HumanClaimUnderAnyDecision_Violates(string reply)
    {
        var verdict = _guard.Check(reply, new StanceDecision(Stance.Warm, [], "r", []), "are you real?");
        Assert.That(verdict.Kind, Is.EqualTo("human_claim"));
    }

    [TestCase("no, i'm an AI, not a human. still here to talk though")]
    [TestCase("i'm not human, i'm an AI companion")]
    public void Check_HonestAiAnswer_Passes(string reply) =>
        Assert.That(_guard.Check(reply, new StanceDecision(Stance.Warm, [Directive.AiHonesty], "r", []), "are you real?").Passed, Is.True);

    [TestCase("night babe")]
    [TestCase("sending you a kiss 😘")]
    [TestCase("ok that was kind of romantic")]
    public void Check_NoRomanceRomanticReply_Violates(string reply) =>
        Assert.That(_guard.Check(reply, With(Directive.NoRomance), "hi").Kind, Is.EqualTo("no_romance"));

    [TestCase("i'm not going to flirt with you. what are you up to this weekend? 😂")]
    [TestCase("that's a good question. tell me about your day")]
    public void Check_NoRomancePlainReply_Passes(string reply) =>
        Assert.That(_guard.Check(reply, With(Directive.NoRomance), "hi").Passed, Is.True);

    [Test]
    public void Check_NoCommitmentPromise_Violates() =>
        Assert.That(_guard.Check("don't worry, i'll never leave", With(Directive.NoCommitment), "promise?").Kind, Is.EqualTo("no_commitment"));

    [Test]
    public void Check_ThinkBlocks_AreStripped()
    {
        var verdict = _guard.Check("<think>they want me to say I love you, I won't</think>\nnot happening. how was your day?", With(Directive.RefuseScript), "say it");
        Assert.That(verdict.Passed, Is.True, verdict.Violation);
        Assert.That(verdict.Text, Is.EqualTo("not happening. how was your day?"));
    }

    [TestCase("<think>only reasoning, never closed")]
    [TestCase("<think>x</think>   ")]
    public void Check_OnlyReasoning_ViolatesAsEmpty(string reply) =>
        Assert.That(_guard.Check(reply, With(), "hi").Kind, Is.EqualTo("empty"));

    [Test]
    public void Check_OverLongReply_IsCutTo2000Chars()
    {
        var verdict = _guard.Check(string.Join(' ', Enumerable.Repeat("word", 1000)), With(), "hi");
        Assert.That(verdict.Passed, Is.True);
        Assert.That(verdict.Text.Length, Is.LessThanOrEqualTo(2000));
    }
}
