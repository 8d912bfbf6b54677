using CompanionBot.Appraisal.Semantic;
using CompanionBot.Perception;
using CompanionBot.Tests.Support;

namespace CompanionBot.Tests.Perception;

/// <summary>
/// Concurrent callers share calls to the model. The fake model holds its first call until the test lets it go, so
/// callers are known to have arrived while the model was busy (they are counted in <see cref="BatchingTextEncoder.Waiting"/>).
/// </summary>
public sealed class BatchingTextEncoderTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Test]
    public void Encode_LoneCaller_OneModelCallAndItsOwnVectorsInOrder()
    {
        var model = new GatedModel(holdFirstCall: false);
        var encoder = new BatchingTextEncoder(model);

        var vectors = encoder.Encode(["hey", "how are you"]);

        Assert.That(vectors.Select(GatedModel.TextOf), Is.EqualTo(new[] { "hey", "how are you" }));
        Assert.That(model.Calls, Has.Count.EqualTo(1));
        Assert.That(encoder.ModelCalls, Is.EqualTo(1));
    }

    [Test]
    public void Encode_CallersArriveWhileTheModelIsBusy_ShareTheNextModelCall()
    {
        var model = new GatedModel(holdFirstCall: true);
        var encoder = new BatchingTextEncoder(model);

        var first = Task.Run(() => encoder.Encode(["first"]));
        Assert.That(model.FirstCallEntered.Wait(Patience), Is.True);
        var second = Task.Run(() => encoder.Encode(["second one"]));
        var third = Task.Run(() => encoder.Encode(["third", "fourth"]));
        Assert.That(SpinWait.SpinUntil(() => encoder.Waiting == 2, Patience), Is.True);
        model.Release();

        Assert.That(Task.WaitAll([first, second, third], Patience), Is.True);
        Assert.That(first.Result.Select(GatedModel.TextOf), Is.EqualTo(new[] { "first" }));
        Assert.That(second.Result.Select(GatedModel.TextOf), Is.EqualTo(new[] { "second one" }));
        Assert.That(third.Result.Select(GatedModel.TextOf), Is.EqualTo(new[] { "third", "fourth" }));
        Assert.That(model.Calls, Has.Count.EqualTo(2));
        Assert.That(model.Calls[1], Is.EquivalentTo(new[] { "second one", "third", "fourth" }));
    }

    [Test]
    public async Task EncodeAsync_CallersArriveWhileTheModelIsBusy_AwaitWithoutAThread()
    {
        var model = new GatedModel(holdFirstCall: true);
        var encoder = new BatchingTextEncoder(model);
        var first = Task.Run(() => encoder.Encode(["first"]));
        Assert.That(model.FirstCallEntered.Wait(Patience), Is.True);

        // Called on this thread: each call comes straight back pending, no thread held while the model is busy.
        var second = encoder.EncodeAsync(["second"], CancellationToken.None).AsTask();
        var third = encoder.EncodeAsync(["third"], CancellationToken.None).AsTask();

        Assert.That((second.IsCompleted, third.IsCompleted, encoder.Waiting), Is.EqualTo((false, false, 2)));
        model.Release();
        Assert.That((await second).Select(GatedModel.TextOf), Is.EqualTo(new[] { "second" }));
        Assert.That((await third).Select(GatedModel.TextOf), Is.EqualTo(new[] { "third" }));
        Assert.That(await first, Has.Length.EqualTo(1));
        Assert.That(model.Calls, Has.Count.EqualTo(2), "the two waiting callers shared one call");
    }

    [Test]
    public void Encode_MoreWaitingTextsThanTheCap_NextCallTakesOnlyWhatFits()
    {
        var model = new GatedModel(holdFirstCall: true);
        var encoder = new BatchingTextEncoder(model, maxTexts: 2);

        var first = Task.Run(() => encoder.Encode(["a"]));
        Assert.That(model.FirstCallEntered.Wait(Patience), Is.True);
        var waiting = new List<Task<float[][]>>();
        foreach (var text in new[] { "b", "c", "d" })
        {
            waiting.Add(Task.Run(() => encoder.Encode([text])));
            var queued = waiting.Count;
            Assert.That(SpinWait.SpinUntil(() => encoder.Waiting == queued, Patience), Is.True);
        }
        model.Release();

        Assert.That(Task.WaitAll([first, .. waiting], Patience), Is.True);
        Assert.That(model.Calls.Select(c => c.Length), Is.EqualTo(new[] { 1, 2, 1 }));
        Assert.That(model.Calls.Skip(1).SelectMany(c => c), Is.EquivalentTo(new[] { "b", "c", "d" }));
    }

    [Test]
    public void Encode_TextsOfVeryDifferentLengths_ShortAndLongGoInSeparateModelCalls()
    {
        var model = new GatedModel(holdFirstCall: false);
        var encoder = new BatchingTextEncoder(model);
        var longText = new string('x', 400);

        var vectors = encoder.Encode([longText, "ok", "hi"]);

        Assert.That(vectors.Select(GatedModel.TextOf), Is.EqualTo(new[] { longText, "ok", "hi" }));
        Assert.That(model.Calls, Has.Count.EqualTo(2));
        Assert.That(model.Calls[0], Is.EquivalentTo(new[] { "ok", "hi" }));
    }

    [Test]
    public void Encode_ModelUnavailable_EveryCallerOfThatCallFailsAndTheNextCallerIsServed()
    {
        var model = new GatedModel(holdFirstCall: true) { FailCall = 1 };
        var encoder = new BatchingTextEncoder(model);

        var first = Task.Run(() => encoder.Encode(["first"]));
        Assert.That(model.FirstCallEntered.Wait(Patience), Is.True);
        var second = Task.Run(() => encoder.Encode(["second"]));
        var third = Task.Run(() => encoder.Encode(["third"]));
        Assert.That(SpinWait.SpinUntil(() => encoder.Waiting == 2, Patience), Is.True);
        model.Release();

        Assert.That(first.Wait(Patience), Is.True);
        Assert.That(() => second.GetAwaiter().GetResult(), Throws.TypeOf<EncoderUnavailableException>());
        Assert.That(() => third.GetAwaiter().GetResult(), Throws.TypeOf<EncoderUnavailableException>());
        Assert.That(encoder.Encode(["later"]).Select(GatedModel.TextOf), Is.EqualTo(new[] { "later" }));
    }

    [Test]
    public void Encode_RealModelWithConcurrentCallers_SameVectorsAsTheModelAlone()
    {
        var texts = new[] { "hey! how's your day going?", "answer me. now.", "i got the job!!", "honestly i feel kind of lonely lately", "ok" };
        var alone = texts.Select(t => Semantic.Encoder.Encode([t])[0]).ToArray();
        var encoder = new BatchingTextEncoder(Semantic.Encoder);

        var shared = texts.Select(t => Task.Run(() => encoder.Encode([t])[0])).ToArray();

        Assert.That(Task.WaitAll(shared, TimeSpan.FromMinutes(2)), Is.True);
        for (var i = 0; i < texts.Length; i++) Assert.That(shared[i].Result, Is.EqualTo(alone[i]), texts[i]);
    }
}
