using Shouldly;
using Stampede.Data.DataSets;
using Stampede.Plans;
using Xunit;

namespace Stampede.Tests.Data.DataSets;

public sealed class DataSetTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("stampede-data-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static DataSet Load(string path, out List<PlanError> errors)
    {
        errors = [];
        return DataSet.Load("users", path, errors, new SourceLocation("plan.yaml", 4, 3));
    }

    [Fact]
    public void Load_SimpleCsv_ReadsHeaderAndRows()
    {
        var set = Load(Write("users.csv", "name,email\nann,a@x.io\nbob,b@x.io\n"), out var errors);

        errors.ShouldBeEmpty();
        set.Name.ShouldBe("users");
        set.Columns.ShouldBe(["name", "email"]);
        set.Count.ShouldBe(2);
        set[1]["email"].ShouldBe("b@x.io");
    }

    [Fact]
    public void Load_QuotedFields_KeepCommasQuotesAndNewlines()
    {
        var csv = "id,prompt,note\r\n1,\"Hello, world\",\"She said \"\"hi\"\"\"\r\n2,\"line one\r\nline two\",\r\n3,\"\",plain\r\n";

        var set = Load(Write("q.csv", csv), out var errors);

        errors.ShouldBeEmpty();
        set.Count.ShouldBe(3);
        set[0]["prompt"].ShouldBe("Hello, world");
        set[0]["note"].ShouldBe("She said \"hi\"");
        set[1]["prompt"].ShouldBe("line one\r\nline two");
        set[1]["note"].ShouldBe("");
        set[2]["prompt"].ShouldBe("");
    }

    [Fact]
    public void Load_ByteOrderMarkAndCrlf_AreNotPartOfTheData()
    {
        var set = Load(Write("bom.csv", "\uFEFFname,age\r\nann,30\r\n"), out var errors);

        errors.ShouldBeEmpty();
        set.Columns.ShouldBe(["name", "age"]);
        set[0]["age"].ShouldBe("30");
    }

    [Fact]
    public void Load_NoTrailingNewlineAndBlankLines_ReadsEveryRow()
    {
        var set = Load(Write("u.csv", "a,b\n\n1,2\n\n3,4"), out var errors);

        errors.ShouldBeEmpty();
        set.Count.ShouldBe(2);
        set[1]["b"].ShouldBe("4");
    }

    [Fact]
    public void Load_RaggedRows_ReportsEachWithItsLine()
    {
        var path = Write("r.csv", "a,b\n1,2\n\"multi\nline\",2\n3\n4,5,6\n");

        var set = Load(path, out var errors);

        set.Count.ShouldBe(0);
        errors.Count.ShouldBe(2);
        errors[0].Location.ShouldBe(new SourceLocation(path, 5));
        errors[0].Message.ShouldBe("row has 1 field(s) but the header has 2 column(s)");
        errors[1].Location!.Line.ShouldBe(6);
        errors[0].Path.ShouldBe("data.users");
    }

    [Fact]
    public void Load_UnclosedQuote_ReportsWhereItOpened()
    {
        var path = Write("q.csv", "a,b\n1,\"oops\n2,3\n");

        Load(path, out var errors);

        errors.ShouldHaveSingleItem().Message.ShouldContain("quoted field is not closed");
        errors[0].Location.ShouldBe(new SourceLocation(path, 2, 3));
    }

    [Fact]
    public void Load_DuplicateOrEmptyHeader_IsAnError()
    {
        Load(Write("h.csv", "a,,a\n1,2,3\n"), out var errors);

        errors.Select(e => e.Message).ShouldBe(["column 2 of the header has no name", "column 'a' appears twice in the header"]);
    }

    [Fact]
    public void Load_MissingFile_SaysSoAtThePlanLocation()
    {
        var set = Load(Path.Combine(_directory, "nope.csv"), out var errors);

        set.Count.ShouldBe(0);
        errors.ShouldHaveSingleItem().Message.ShouldContain("file not found");
        errors[0].Location.ShouldBe(new SourceLocation("plan.yaml", 4, 3));
    }

    [Theory]
    [InlineData("empty.csv", "")]
    [InlineData("header.csv", "a,b\n")]
    [InlineData("empty.json", "[]")]
    public void Load_NoRows_IsAnError(string name, string content)
    {
        Load(Write(name, content), out var errors);

        errors.ShouldHaveSingleItem().Message.ShouldContain("has no rows");
    }

    [Fact]
    public void Load_JsonArray_ReadsObjectsAsRows()
    {
        var json = """
            [
              { "name": "ann", "age": 30, "admin": true, "tags": ["a", "b"], "note": null },
              { "name": "bob", "extra": "x" }
            ]
            """;

        var set = Load(Write("u.json", json), out var errors);

        errors.ShouldBeEmpty();
        set.Columns.ShouldBe(["name", "age", "admin", "tags", "note", "extra"]);
        set[0]["age"].ShouldBe("30");
        set[0]["admin"].ShouldBe("true");
        set[0]["tags"].ShouldBe("[\"a\", \"b\"]");
        set[0]["note"].ShouldBe("");
        set[0]["extra"].ShouldBe("");
        set[1]["age"].ShouldBe("");
    }

    [Fact]
    public void Load_BadJson_ReportsLineAndColumn()
    {
        var path = Write("bad.json", "[\n  { \"a\": 1 },\n  { \"a\": 2 \n]");

        Load(path, out var errors);

        errors.ShouldHaveSingleItem().Message.ShouldStartWith("invalid JSON");
        errors[0].Location!.File.ShouldBe(path);
        errors[0].Location!.Line.ShouldBe(4);
    }

    [Fact]
    public void Load_JsonThatIsNotAnArrayOfObjects_SaysWhatItFound()
    {
        Load(Write("o.json", "{\"a\":1}"), out var objectErrors);
        Load(Write("a.json", "[{\"a\":1}, 5]"), out var elementErrors);

        objectErrors.ShouldHaveSingleItem().Message.ShouldContain("must hold an array of objects, not an object");
        elementErrors.ShouldHaveSingleItem().Message.ShouldContain("element [1] is a number");
    }

    [Fact]
    public void FromRows_ColumnsAreKeysInFirstSeenOrder()
    {
        var set = DataSet.FromRows("x", [
            new Dictionary<string, string> { ["b"] = "1", ["a"] = "2" },
            new Dictionary<string, string> { ["c"] = "3" },
        ]);

        set.Columns.ShouldBe(["b", "a", "c"]);
        set.Count.ShouldBe(2);
    }
}
