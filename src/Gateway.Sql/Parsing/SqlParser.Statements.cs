using System.Collections.Frozen;
using Gateway.Sql.Ast;
using Gateway.Sql.Lexing;

namespace Gateway.Sql.Parsing;

internal sealed partial class SqlParser
{
    /// <summary>Statements recognised by their first keyword and not parsed further.</summary>
    private static readonly FrozenDictionary<Keyword, StatementKind> LeadingKeywords = new Dictionary<Keyword, StatementKind>
    {
        [Keyword.INSERT] = StatementKind.Insert,
        [Keyword.UPDATE] = StatementKind.Update,
        [Keyword.DELETE] = StatementKind.Delete,
        [Keyword.MERGE] = StatementKind.Merge,
        [Keyword.REPLACE] = StatementKind.Replace,
        [Keyword.TRUNCATE] = StatementKind.Truncate,
        [Keyword.COPY] = StatementKind.Copy,
        [Keyword.CREATE] = StatementKind.Create,
        [Keyword.ALTER] = StatementKind.Alter,
        [Keyword.DROP] = StatementKind.Drop,
        [Keyword.RENAME] = StatementKind.Rename,
        [Keyword.COMMENT] = StatementKind.Comment,
        [Keyword.GRANT] = StatementKind.Grant,
        [Keyword.REVOKE] = StatementKind.Revoke,
        [Keyword.REASSIGN] = StatementKind.Reassign,
        [Keyword.SECURITY] = StatementKind.SecurityLabel,
        [Keyword.BEGIN] = StatementKind.Begin,
        [Keyword.START] = StatementKind.Begin,
        [Keyword.COMMIT] = StatementKind.Commit,
        [Keyword.END] = StatementKind.Commit,
        [Keyword.ROLLBACK] = StatementKind.Rollback,
        [Keyword.ABORT] = StatementKind.Rollback,
        [Keyword.SAVEPOINT] = StatementKind.Savepoint,
        [Keyword.RELEASE] = StatementKind.Release,
        [Keyword.XA] = StatementKind.Xa,
        [Keyword.SET] = StatementKind.Set,
        [Keyword.RESET] = StatementKind.Reset,
        [Keyword.USE] = StatementKind.Use,
        [Keyword.EXECUTE] = StatementKind.Execute,
        [Keyword.EXEC] = StatementKind.Execute,
        [Keyword.CALL] = StatementKind.Call,
        [Keyword.PREPARE] = StatementKind.Prepare,
        [Keyword.DEALLOCATE] = StatementKind.Deallocate,
        [Keyword.DO] = StatementKind.Do,
        [Keyword.PRAGMA] = StatementKind.Pragma,
        [Keyword.ATTACH] = StatementKind.Attach,
        [Keyword.DETACH] = StatementKind.Detach,
        [Keyword.LOAD] = StatementKind.Load,
        [Keyword.LISTEN] = StatementKind.Listen,
        [Keyword.NOTIFY] = StatementKind.Notify,
        [Keyword.UNLISTEN] = StatementKind.Unlisten,
        [Keyword.HANDLER] = StatementKind.Handler,
        [Keyword.DECLARE] = StatementKind.Declare,
        [Keyword.FETCH] = StatementKind.Fetch,
        [Keyword.MOVE] = StatementKind.Move,
        [Keyword.CLOSE] = StatementKind.Close,
        [Keyword.DISCARD] = StatementKind.Discard,
        [Keyword.SIGNAL] = StatementKind.Signal,
        [Keyword.RESIGNAL] = StatementKind.Signal,
        [Keyword.GET] = StatementKind.Get,
        [Keyword.LOCK] = StatementKind.Lock,
        [Keyword.UNLOCK] = StatementKind.Unlock,
        [Keyword.VACUUM] = StatementKind.Vacuum,
        [Keyword.ANALYZE] = StatementKind.Analyze,
        [Keyword.ANALYSE] = StatementKind.Analyze,
        [Keyword.CHECKPOINT] = StatementKind.Checkpoint,
        [Keyword.REINDEX] = StatementKind.Reindex,
        [Keyword.CLUSTER] = StatementKind.Cluster,
        [Keyword.REFRESH] = StatementKind.Refresh,
        [Keyword.OPTIMIZE] = StatementKind.Optimize,
        [Keyword.REPAIR] = StatementKind.Repair,
        [Keyword.CHECK] = StatementKind.Check,
        [Keyword.CHECKSUM] = StatementKind.Checksum,
        [Keyword.FLUSH] = StatementKind.Flush,
        [Keyword.KILL] = StatementKind.Kill,
        [Keyword.PURGE] = StatementKind.Purge,
        [Keyword.INSTALL] = StatementKind.Install,
        [Keyword.UNINSTALL] = StatementKind.Uninstall,
        [Keyword.SHUTDOWN] = StatementKind.Shutdown,
        [Keyword.IMPORT] = StatementKind.Import,
        [Keyword.BINLOG] = StatementKind.Binlog,
        [Keyword.CACHE] = StatementKind.Cache,
        [Keyword.CHANGE] = StatementKind.Change,
        [Keyword.HELP] = StatementKind.Help,
        [Keyword.SHOW] = StatementKind.Show,
    }.ToFrozenDictionary();

    private List<Statement> ParseStatements()
    {
        var statements = new List<Statement>(1);
        while (true)
        {
            while (Accept(TokenKind.Semicolon))
            {
            }

            if (At(TokenKind.EndOfInput))
            {
                return statements;
            }

            statements.Add(ParseStatement());
            if (!At(TokenKind.EndOfInput) && !At(TokenKind.Semicolon))
            {
                throw Unexpected("';' or the end of the statement");
            }
        }
    }

    private Statement ParseStatement()
    {
        var start = _p;
        if (AtQueryStart() || At(TokenKind.LeftParen))
        {
            var query = ParseQuery();
            return new QueryStatement(SpanFrom(start), query);
        }

        if (!At(TokenKind.Word))
        {
            throw Unexpected("a statement");
        }

        var keyword = Current.Keyword;
        if (keyword is Keyword.EXPLAIN or Keyword.DESCRIBE or Keyword.DESC)
        {
            return ParseExplain();
        }

        if (LeadingKeywords.TryGetValue(keyword, out var kind))
        {
            return ParseUnparsed(kind);
        }

        throw Error($"'{Describe(Current)}' does not begin a statement this gateway recognises.");
    }

    /// <summary>True at SELECT, WITH, VALUES or <c>TABLE name</c>.</summary>
    private bool AtQueryStart()
    {
        ref readonly var token = ref Current;
        if (token.Kind != TokenKind.Word)
        {
            return false;
        }

        return token.Keyword switch
        {
            Keyword.SELECT or Keyword.WITH or Keyword.VALUES => true,
            Keyword.TABLE => PeekKind(1, TokenKind.Word) || PeekKind(1, TokenKind.QuotedIdentifier),
            _ => false,
        };
    }

    private UnparsedStatement ParseUnparsed(StatementKind kind)
    {
        var start = _p;
        _p++;
        if (At(TokenKind.Word) && Current.Keyword != Keyword.None)
        {
            _p++;
        }

        var keywords = SpanFrom(start);
        SkipToStatementEnd(stopAtCloseParen: false);
        return new UnparsedStatement(SpanFrom(start), kind, keywords);
    }

    /// <summary>Skips to the next <c>;</c> outside parentheses (or, when asked, to an unmatched <c>)</c>).</summary>
    private void SkipToStatementEnd(bool stopAtCloseParen)
    {
        var depth = 0;
        while (!At(TokenKind.EndOfInput))
        {
            var kind = Current.Kind;
            if (kind == TokenKind.LeftParen)
            {
                depth++;
            }
            else if (kind == TokenKind.RightParen)
            {
                if (depth == 0 && stopAtCloseParen)
                {
                    return;
                }

                depth = Math.Max(0, depth - 1);
            }
            else if (kind == TokenKind.Semicolon && depth == 0)
            {
                return;
            }

            _p++;
        }
    }

    private Statement ParseExplain()
    {
        var start = _p;
        var describe = Current.Keyword != Keyword.EXPLAIN;
        _p++;
        var analyze = false;
        if (At(TokenKind.LeftParen) && _d.ExplainOptionList && PeekKind(1, TokenKind.Word) && !PeekKeyword(1, Keyword.SELECT) && !PeekKeyword(1, Keyword.WITH) && !PeekKeyword(1, Keyword.VALUES))
        {
            analyze = ParseExplainOptions();
        }

        while (true)
        {
            if (AcceptKeyword(Keyword.ANALYZE) || AcceptKeyword(Keyword.ANALYSE))
            {
                analyze = true;
            }
            else if (AcceptKeyword(Keyword.VERBOSE))
            {
            }
            else if (AtWord("EXTENDED") || AtWord("PARTITIONS"))
            {
                _p++;
            }
            else if (AtKeyword(Keyword.FORMAT) && PeekKind(1, TokenKind.Equals))
            {
                _p += 3;
            }
            else if (AcceptKeywords(Keyword.QUERY, Keyword.PLAN))
            {
            }
            else
            {
                break;
            }
        }

        if (AtQueryStart() || At(TokenKind.LeftParen))
        {
            var target = ParseStatement();
            return new ExplainStatement(SpanFrom(start), analyze, target);
        }

        if (At(TokenKind.Word) && LeadingKeywords.TryGetValue(Current.Keyword, out var kind))
        {
            var target = ParseUnparsed(kind);
            return new ExplainStatement(SpanFrom(start), analyze, target);
        }

        // MySQL EXPLAIN/DESCRIBE tbl, EXPLAIN FOR CONNECTION n: a description, not a query.
        var keywords = SpanFrom(start);
        SkipToStatementEnd(stopAtCloseParen: false);
        return new UnparsedStatement(SpanFrom(start), describe || !analyze ? StatementKind.Describe : StatementKind.Explain, keywords);
    }

    /// <summary>PostgreSQL <c>EXPLAIN (option [value], ...)</c>; true when any option is ANALYZE, whatever its value.</summary>
    private bool ParseExplainOptions()
    {
        Expect(TokenKind.LeftParen, "'('");
        var analyze = false;
        do
        {
            if (!At(TokenKind.Word))
            {
                throw Unexpected("an EXPLAIN option");
            }

            analyze |= Current.Keyword is Keyword.ANALYZE or Keyword.ANALYSE;
            _p++;
            while (!At(TokenKind.Comma) && !At(TokenKind.RightParen) && !At(TokenKind.EndOfInput))
            {
                _p++;
            }
        }
        while (Accept(TokenKind.Comma));

        Expect(TokenKind.RightParen, "')'");
        return analyze;
    }
}
