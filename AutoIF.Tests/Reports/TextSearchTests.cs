using AutoIF.Core.Reports;

namespace AutoIF.Tests.Reports;

public class TextSearchTests
{
    [Fact]
    public void Words_phrases_and_prefixes_become_terms_and_quotes_cannot_reach_the_query_syntax()
    {
        var search = TextSearch.Parse("  fewer \"than 40\" verif*  \"P.S.\"* it's ");

        Assert.Equal([new("fewer", false), new("than 40", false), new("verif", true), new("P.S.", true), new("it's", false)], search.Terms);
        Assert.Equal("\"fewer\" \"than 40\" \"verif\"* \"P.S.\"* \"it's\"", search.ToFts5());
        Assert.Equal("'fewer' & 'than 40' & 'verif':* & 'P.S.':* & 'it''s'", search.ToTsQuery());
    }

    [Fact]
    public void Terms_without_a_letter_or_digit_are_dropped_and_an_unclosed_quote_ends_the_phrase()
    {
        Assert.True(TextSearch.Parse("% _ * \"\" -").IsEmpty);
        Assert.Equal([new TextSearchTerm("no end", false)], TextSearch.Parse("\"no end").Terms);
        Assert.Equal("'a\\\\b'", TextSearch.Parse("a\\b").ToTsQuery());
    }
}
