using CompanionBot.Ledger;
using CompanionBot.Personas;

namespace CompanionBot.Tests.Personas;

public sealed class PersonaValidationTests
{
    private static string Edit(string from, string to)
    {
        Assert.That(DefaultPersona.Yaml, Does.Contain(from), "the edit must apply");
        return DefaultPersona.Yaml.Replace(from, to);
    }

    private static PersonaInvalidException Rejects(string yaml) =>
        Assert.Throws<PersonaInvalidException>(() => PersonaYamlReader.Parse(yaml, "test.yaml"))!;

    [Test]
    public void DefaultPersona_LoadsAndIsAnAdultWithEveryStanceVoiced()
    {
        var persona = DefaultPersona.Load();
        Assert.Multiple(() =>
        {
            Assert.That(persona.Name, Is.EqualTo("Ella"));
            Assert.That(persona.Age, Is.GreaterThanOrEqualTo(18));
            Assert.That(persona.OfflineLines.Values, Has.All.Not.Empty);
            Assert.That(persona.Romance.FromStage, Is.EqualTo(Stage.Friend));
        });
    }

    [Test]
    public void Age_UnderEighteen_IsRejectedNamingTheField()
    {
        var ex = Rejects(Edit("age: 24", "age: 16"));
        Assert.That(ex.Errors, Has.Some.StartsWith("age (line").And.Contains("from 18 to 120"));
    }

    [Test]
    public void UnknownField_IsRejectedListingTheKnownOnes()
    {
        var ex = Rejects(Edit("teasing: 0.6", "teasing: 0.6\nsass: 11"));
        Assert.That(ex.Errors, Has.Some.StartsWith("sass").And.Contains("unknown field"));
    }

    [Test]
    public void Rule_UnknownFact_IsRejectedNamingTheRule()
    {
        var ex = Rejects(Edit("rules: []", "rules:\n  - name: x\n    when: { fact: ledger.vibes, op: atLeast, value: 0.5 }\n    stance: warm"));
        Assert.That(ex.Errors, Has.Some.StartsWith("rules[0].when.fact").And.Contains("unknown fact 'ledger.vibes'"));
    }

    [Test]
    public void Rule_WrongOperator_IsRejectedWithTheAllowedOnes()
    {
        var ex = Rejects(Edit("rules: []", "rules:\n  - name: x\n    when: { fact: ledger.warmth, op: '>=', value: 0.5 }\n    stance: warm"));
        Assert.That(ex.Errors, Has.Some.Contains("rules[0].when.op").And.Contains("atLeast"));
    }

    [Test]
    public void Rule_OutOfRangeValue_IsRejected()
    {
        var ex = Rejects(Edit("rules: []", "rules:\n  - name: x\n    when: { fact: ledger.warmth, op: atLeast, value: 7 }\n    stance: warm"));
        Assert.That(ex.Errors, Has.Some.Contains("rules[0].when.value").And.Contains("from 0 to 1"));
    }

    [Test]
    public void Rule_SupportStance_IsReservedForTheSafetyFloor()
    {
        var ex = Rejects(Edit("rules: []", "rules:\n  - name: x\n    when: { fact: ledger.warmth, op: atLeast, value: 0.1 }\n    stance: support"));
        Assert.That(ex.Errors, Has.Some.Contains("safety floor"));
    }

    [Test]
    public void Rule_CrisisResourcesDirective_CannotBeConfigured()
    {
        var ex = Rejects(Edit("rules: []", "rules:\n  - name: x\n    when: { fact: ledger.warmth, op: atLeast, value: 0.1 }\n    stance: warm\n    directives: [crisis_resources]"));
        Assert.That(ex.Errors, Has.Some.Contains("unknown directive 'crisis_resources'"));
    }

    [Test]
    public void Pacing_StageValue_AcceptsNamesInStageFacts()
    {
        var persona = PersonaYamlReader.Parse(Edit("rules: []", "rules:\n  - name: x\n    when: { fact: ledger.stage, op: atLeast, value: friend }\n    stance: warm"), "t");
        Assert.That(persona.Rules.Single().Name, Is.EqualTo("x"));
    }

    [Test]
    public void BrokenYaml_IsRejectedWithALine()
    {
        var ex = Rejects("name: [unclosed");
        Assert.That(ex.Errors.Single(), Does.Contain("line"));
    }

    [Test]
    public void SeveralErrors_AreAllReported()
    {
        var ex = Rejects(Edit("selectivity: 0.5", "selectivity: 2").Replace("teasing: 0.6", "teasing: lots"));
        Assert.That(ex.Errors, Has.Count.GreaterThanOrEqualTo(2));
    }
}
