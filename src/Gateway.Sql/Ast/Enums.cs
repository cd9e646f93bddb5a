namespace Gateway.Sql.Ast;

/// <summary>Every kind of statement the parser recognises, whether or not it parses it fully.</summary>
internal enum StatementKind
{
    Query,
    Explain,
    Describe,
    Show,

    // data change
    Insert,
    Update,
    Delete,
    Merge,
    Replace,
    Truncate,
    Copy,

    // definition and privileges
    Create,
    Alter,
    Drop,
    Rename,
    Comment,
    Grant,
    Revoke,
    Reassign,
    SecurityLabel,

    // transactions
    Begin,
    Commit,
    Rollback,
    Savepoint,
    Release,
    Xa,

    // session and procedural
    Set,
    Reset,
    Use,
    Execute,
    Call,
    Prepare,
    Deallocate,
    Do,
    Pragma,
    Attach,
    Detach,
    Load,
    Listen,
    Notify,
    Unlisten,
    Handler,
    Declare,
    Fetch,
    Move,
    Close,
    Discard,
    Signal,
    Get,

    // locking
    Lock,
    Unlock,

    // maintenance and administration
    Vacuum,
    Analyze,
    Checkpoint,
    Reindex,
    Cluster,
    Refresh,
    Optimize,
    Repair,
    Check,
    Checksum,
    Flush,
    Kill,
    Purge,
    Install,
    Uninstall,
    Shutdown,
    Import,
    Binlog,
    Cache,
    Change,
    Help,
}

internal enum SetQuantifier { None, All, Distinct }

internal enum SetOperator { Union, Intersect, Except }

internal enum CteMaterialization { Default, Materialized, NotMaterialized }

internal enum IntoKind { Table, Outfile, Dumpfile, Variables }

internal enum LimitSyntax { Limit, LimitCommaOffset, OffsetOnly, Fetch }

internal enum LockStrength { Update, NoKeyUpdate, Share, KeyShare, LockInShareMode }

internal enum LockWait { Wait, NoWait, SkipLocked }

internal enum JoinKind { Inner, Left, Right, Full, Cross, Straight }

internal enum SortDirection { Default, Ascending, Descending }

internal enum NullsOrder { Default, First, Last }

internal enum FrameUnits { Rows, Range, Groups }

internal enum FrameBoundKind { UnboundedPreceding, Preceding, CurrentRow, Following, UnboundedFollowing }

internal enum FrameExclusion { None, CurrentRow, Group, Ties, NoOthers }

internal enum LiteralKind
{
    Number,
    HexNumber,
    String,
    EscapeString,
    UnicodeString,
    NationalString,
    HexString,
    BitString,
    DollarString,
    IntroducedString,
    Null,
    True,
    False,
}

internal enum UnaryOperator { Not, Minus, Plus, BitwiseNot, Binary, AbsoluteValue }

internal enum BinaryOperator
{
    Or,
    And,
    Xor,
    Equal,
    NotEqual,
    LessThan,
    GreaterThan,
    LessOrEqual,
    GreaterOrEqual,
    NullSafeEqual,
    Add,
    Subtract,
    Multiply,
    Divide,
    Modulo,
    IntegerDivide,
    Power,
    Concat,
    BitwiseAnd,
    BitwiseOr,
    BitwiseXor,
    ShiftLeft,
    ShiftRight,
    JsonGet,
    JsonGetText,
    JsonPath,
    JsonPathText,
    Contains,
    ContainedBy,
    HasKey,
    HasAnyKey,
    HasAllKeys,
    RegexMatch,
    RegexMatchInsensitive,
    NotRegexMatch,
    NotRegexMatchInsensitive,
    Overlaps,
    TextSearchMatch,
}

internal enum IsTest { Null, True, False, Unknown }

internal enum LikeKind { Like, ILike, SimilarTo, Regexp, RLike, Glob, Match }

internal enum Quantifier { Any, All, Some }

internal enum CastSyntax { Cast, DoubleColon, Convert, TryCast }

internal enum TrimSide { Default, Both, Leading, Trailing }
