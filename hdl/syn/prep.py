#!/usr/bin/python3
# SPDX-License-Identifier: (GPL-2.0 OR MIT)
"""Lower the RTL to the SystemVerilog subset that Debian's yosys 0.23 reads.

usage: prep.py [--top MODULE] OUT.sv PKG.sv RTL.sv...

Writes one file: the package's localparams at compilation-unit scope, then
every module (with --top: the modules MODULE needs).  The sources are not
touched.  Yosys 0.23 does not take package imports, struct member access
on function arguments or on arrays of structs, packed arrays of more than
one dimension (outside structs), unpacked array ports, $bits(type), casts
to a type, int'(), void functions or `return`.  So this script, which
knows the type of every name:

  - drops `import mcnic_pkg::*;` and `mcnic_pkg::`, and puts the package's
    localparams at file scope (its struct typedefs are not needed: see next);
  - turns every struct, enum or multi-dimensional packed type into a plain
    `logic [W-1:0]`, and every selection (x.f.g, x[i].f, hdr[3][5:0]) into
    a bit slice x[OFF +: W] of it (layouts as SystemVerilog defines them:
    the first struct member and the highest index are the top bits);
  - an unpacked array of such elements stays an array (a RAM) of vectors
    when it is read only, and becomes one flat vector (element i at
    [i*EW +: EW]) when it is a port, is used whole or its elements are
    written in part;
  - a selection by an index only the hardware knows is a loop over the
    index's range when written, a decoder and AND-OR when read (see
    chain(): what yosys makes of x[i*EW +: EW] is slow and big);
  - T'(x) becomes W'(x), int'(x) $signed(32'(x)), $bits(T) the width;
  - `return X;` becomes `fname = X;` (an early `if (c) return X;` wraps the
    rest of the function in an else), void functions become tasks.

It is not a general SystemVerilog front end: what it does not understand
it leaves alone (yosys then says what it rejects), and it fails loudly on a
`return` it cannot lower.
"""

import re
import sys

TOKEN_RE = re.compile(r'''
 (?P<ws>\s+|//[^\n]*|/\*.*?\*/)
|(?P<dir>`[A-Za-z_]\w*[^\n]*)
|(?P<str>"(?:[^"\\\n]|\\.)*")
|(?P<num>(?:\d[\d_]*\s*)?'[sS]?[bBoOdDhH]\s*[0-9a-fA-FxXzZ_?]+
        |'[01xXzZ](?![\w'])
        |\d[\d_]*(?:\.\d+)?)
|(?P<id>[A-Za-z_][\w$]*|\$[A-Za-z_][\w$]*)
|(?P<op>::|\+:|-:|<<<|>>>|<<=|>>=|===|!==|==|!=|<=|>=|&&|\|\||<<|>>|\*\*
       |\+\+|--|\+=|-=|\|=|&=|\^=|->|'|[-+*/%&|^~!<>=?:;,.()\[\]{}\#@$])
''', re.X | re.S)


class Tok:
    __slots__ = ('kind', 'text', 'pre', 'line')

    def __init__(self, kind, text, pre, line):
        self.kind, self.text, self.pre, self.line = kind, text, pre, line

    def __repr__(self):
        return '%s:%r' % (self.kind, self.text)


def tokenize(src, fname):
    toks, pre, pos, line = [], '', 0, 1
    while pos < len(src):
        m = TOKEN_RE.match(src, pos)
        if not m:
            sys.exit('%s:%d: prep: cannot tokenize %r' %
                     (fname, line, src[pos:pos + 20]))
        kind, text = m.lastgroup, m.group()
        if kind == 'ws':
            pre += text
        else:
            toks.append(Tok(kind, text, pre, line))
            pre = ''
        line += text.count('\n')
        pos = m.end()
    toks.append(Tok('eof', '', pre, line))
    return toks


def newlines(s):
    """What is left of dropped text: its line breaks (line numbers hold)."""
    return '\n' * s.count('\n')


# ---------------------------------------------------------------- widths
CONSTS = {}     # package localparams with a number: folded into widths


def num(e):
    """The value of a width expression, or None if it has names in it."""
    s = e
    for name in set(re.findall(r'[A-Za-z_]\w*', s)):
        if name not in CONSTS:
            return None
        s = re.sub(r'\b%s\b' % name, str(CONSTS[name]), s)
    if not re.fullmatch(r'[\d\s+\-*/()<>]*', s) or not s.strip():
        return None
    try:
        return int(eval(s.replace('/', '//'), {}))
    except Exception:
        return None


def simp(e):
    v = num(e)
    return str(v) if v is not None else '(%s)' % e


def add(a, b):
    if a == '0':
        return b
    if b == '0':
        return a
    return simp('%s + %s' % (a, b))


def mul(a, b):
    if a == '0' or b == '0':
        return '0'
    if a == '1':
        return b
    if b == '1':
        return a
    return simp('%s * %s' % (a, b))


def sub(a, b):
    return a if b == '0' else simp('%s - %s' % (a, b))


# ------------------------------------------------------------------ types
class Struct:
    def __init__(self, name, fields):
        self.name, self.fields = name, fields      # [(name, Packed)]
        w, self.off = '0', {}
        for fname, ft in reversed(fields):
            self.off[fname] = w
            w = add(w, ft.width())
        self.w = w
        self.ftype = dict(fields)


class Packed:
    """dims (outermost first) of (msb, lsb) over elem: None (a bit) or a
    Struct.  enum: an enum type (only matters for its name)."""

    def __init__(self, dims, elem=None, signed=False):
        self.dims, self.elem, self.signed = dims, elem, signed

    def ew(self):
        return '1' if self.elem is None else self.elem.w

    def width(self, start=0):
        w = self.ew()
        for m, l in self.dims[start:]:
            w = mul(w, add(sub(m, l), '1'))
        return w

    def plain(self):
        """Needs no lowering: a bit or a one-dimensional vector."""
        return self.elem is None and len(self.dims) <= 1


class Unpacked:
    def __init__(self, lo, hi, elem, flat):
        self.lo, self.hi, self.elem, self.flat = lo, hi, elem, flat

    def n(self):
        return add(sub(self.hi, self.lo), '1')


BUILTIN = {'logic': 1, 'bit': 1, 'reg': 1, 'wire': 1, 'int': 32,
           'integer': 32, 'byte': 8, 'shortint': 16, 'longint': 64,
           'genvar': 32}
QUALS = {'input', 'output', 'inout', 'ref', 'const', 'var', 'static',
         'automatic', 'localparam', 'parameter', 'wire', 'tri'}
STMT_PREV = {';', 'begin', 'end', 'else', ')', ':', 'endfunction',
             'endtask', 'endgenerate', 'generate', 'always_comb',
             'always_ff', 'always', 'initial', 'join', 'endcase', 'fork'}


class Module:
    """Per-module state shared by the two passes."""

    def __init__(self):
        self.types = {}          # local typedefs
        self.decls = {}          # name -> type, any scope (None: ambiguous)
        self.part_written = set()  # arrays with x[i].f = / x[i][j] = ...
        self.whole = set()       # names used without an index
        self.static = set()      # parameters, genvars, loop variables


class Lower:
    def __init__(self, toks, fname, gtypes, collect, mod_state):
        self.t, self.fname, self.gtypes = toks, fname, gtypes
        self.collect = collect
        self.mods = mod_state     # module name -> Module (from pass 1)
        self.mod = None
        self.match = {}
        stack = []
        for i, tk in enumerate(toks):
            if tk.kind != 'op':
                continue
            if tk.text in '([{':
                stack.append(i)
            elif tk.text in ')]}':
                if not stack:
                    self.die(i, 'unbalanced %s' % tk.text)
                j = stack.pop()
                self.match[j], self.match[i] = i, j
        self.scopes = []
        self.out = []
        self.override = {}
        self.nloop = 0
        self.rdfns = {}

    # ------------------------------------------------------------ helpers
    def die(self, i, msg):
        sys.exit('%s:%d: prep: %s' % (self.fname, self.t[i].line, msg))

    def tx(self, i):
        return self.t[i].text

    def typeof_name(self, name):
        if self.mod and name in self.mod.types:
            return self.mod.types[name]
        return self.gtypes.get(name)

    def lookup(self, name):
        for s in reversed(self.scopes):
            if name in s:
                return s[name]
        if self.mod is not None and not self.collect:
            if name in self.mod.decls:
                return self.mod.decls[name]
        return None

    def declare(self, name, ty):
        if self.scopes:
            self.scopes[-1][name] = ty
        # Names at module level: the fallback for a use before declaration.
        if self.collect and self.mod is not None and len(self.scopes) == 1:
            d = self.mod.decls
            if name in d and not same(d[name], ty):
                d[name] = None
            elif name not in d:
                d[name] = ty

    def span_ws(self, a, b):
        return newlines(''.join(self.t[k].pre for k in range(a, b)))

    # ---------------------------------------------------------- expressions
    def expr(self, a, b):
        """Lowered text of tokens [a, b) (an expression or a range)."""
        out, i = [], a
        while i < b:
            i = self.expr_tok(i, out)
        return ''.join(out)

    def expr_tok(self, i, out):
        t = self.t
        tk = t[i]
        prev = t[i - 1].text if i > 0 else ''
        nxt = t[i + 1].text
        if self.collect and tk.kind == 'id' and self.mod is not None and \
                nxt != '[' and (prev != '.' or nxt in (',', ')')):
            self.mod.whole.add(tk.text)     # x, or .x in a port list
        if tk.kind == 'id' and nxt == '::' and tk.text == 'mcnic_pkg':
            out.append(tk.pre)
            return i + 2
        if tk.text == 'int' and t[i + 1].text == "'" and t[i + 2].text == '(':
            e = self.match[i + 2]
            out.append(tk.pre + "$signed(32'(" + self.expr(i + 3, e) + '))')
            return e + 1
        if tk.kind == 'id' and t[i + 1].text == "'" and t[i + 2].text == '(':
            ty = self.typeof_name(tk.text)
            if ty is not None:
                e = self.match[i + 2]
                w = ty.width()
                cast = w if num(w) is not None else '(%s)' % w
                out.append(tk.pre + cast + "'(" + self.expr(i + 3, e) + ')')
                return e + 1
        if tk.text == '$bits' and t[i + 1].text == '(':
            e = self.match[i + 1]
            if e == i + 3 and self.typeof_name(t[i + 2].text) is not None:
                out.append(tk.pre + '(' +
                           self.typeof_name(t[i + 2].text).width() + ')')
                return e + 1
        if tk.kind == 'id' and prev != '.' and prev != '::':
            ty = self.lookup(tk.text)
            if ty is not None and not (isinstance(ty, Packed) and ty.plain()):
                return self.chain(i, ty, out)
        out.append(tk.pre + tk.text)
        return i + 1

    def static(self, e):
        """An index the elaboration knows (parameters, loop variables)."""
        names = set(re.findall(r'\$?[A-Za-z_]\w*', e))
        st = self.mod.static if self.mod is not None else set()
        return all(n in st or n in CONSTS or n.startswith('$') or
                   n in self.override.values() for n in names)

    def index_text(self, j, e):
        if j in self.override:
            return self.override[j]
        return self.expr(j + 1, e).strip()

    def walk(self, i, ty):
        """The selections after the name at i.  Returns (j after, head:
        the name and a memory index, off: the bit offset, cur: the type
        selected, sel: anything selected, vars: the selections whose index
        the elaboration does not know, rel: the offset from the start of
        the element the first of them selects)."""
        t = self.t
        head = t[i].pre + t[i].text
        j = i + 1
        vars_ = []
        rel = '0'
        if isinstance(ty, Unpacked):
            if t[j].text != '[':
                return j, head, '0', ty, False, [], '0'
            e = self.match[j]
            idx = self.index_text(j, e)
            if self.range_colon(j + 1, e) is not None:
                self.die(i, 'slice of unpacked array %s' % t[i].text)
            cur = ty.elem
            if ty.flat:
                ew = cur.width()
                if not self.static(idx):
                    idx = '{%s}' % idx      # self-determined, as an index is
                    vars_.append((j, idx, ty.lo, ty.hi, '0', ty.n(), ew))
                off = mul(sub('(%s)' % idx, ty.lo), ew)
            else:
                head += '[' + idx + ']'
                off = '0'
            sel = ty.flat
            j = e + 1
        else:
            cur, off, sel = ty, '0', False
        while True:
            if t[j].text == '.' and t[j + 1].kind == 'id':
                if not isinstance(cur, Packed) or cur.dims or cur.elem is None:
                    self.die(j, 'member %s of a non-struct' % t[j + 1].text)
                st = cur.elem
                f = t[j + 1].text
                if f not in st.ftype:
                    self.die(j, 'no member %s in %s' % (f, st.name))
                d = st.off[f]
                cur = st.ftype[f]
                j += 2
            elif t[j].text == '[':
                e = self.match[j]
                if not cur.dims:
                    cur = Packed([(sub(cur.width(), '1'), '0')])
                m, l = cur.dims[0]
                rest = Packed(cur.dims[1:], cur.elem)
                rw = rest.width()
                rc = self.range_colon(j + 1, e)
                if rc is None:
                    idx = self.index_text(j, e)
                    if not self.static(idx):
                        idx = '{%s}' % idx  # self-determined, as an index is
                    d = mul(sub('(%s)' % idx, l), rw)
                    cur = rest
                    if idx.startswith('{'):
                        vars_.append((j, idx, l, m, off,
                                      add(sub(m, l), '1'), rw))
                        off = add(off, d)
                        rel, sel, j = '0', True, e + 1
                        continue
                else:
                    k, op = rc
                    x = self.expr(j + 1, k).strip()
                    y = self.expr(k + 1, e).strip()
                    if op == ':':
                        lo, n = '(%s)' % y, add(sub('(%s)' % x, '(%s)' % y),
                                                '1')
                    elif op == '+:':
                        lo, n = '(%s)' % x, '(%s)' % y
                    else:
                        lo = add(sub('(%s)' % x, '(%s)' % y), '1')
                        n = '(%s)' % y
                    d = mul(sub(simp(lo), l), rw)
                    cur = Packed([(sub(simp(n), '1'), '0')] + cur.dims[1:],
                                 cur.elem)
                j = e + 1
            else:
                break
            off = add(off, d)
            if vars_:
                rel = add(rel, d)
            sel = True
        return j, head, off, cur, sel, vars_, rel

    def chain(self, i, ty, out, lhs=False):
        """A name with selections: x[i].f[3:0] -> x[OFF +: W].

        A selection with an index that only the hardware knows:
          - as the target of an assignment (h[i] = v), a loop over the
            index's range (for k: if (i == k) h[k] = v): yosys 0.23 turns
            a variable part-select target into a case over every bit
            offset, too much for its proc pass on a byte array of a few
            hundred bytes written a few dozen times;
          - read (x = h[i].f), a decoder and an AND-OR over the elements
            (a generated function __rdN): x[i*EW +: EW] would be a barrel
            shifter over all of h, a few times the logic and much slower
            to map.
        """
        t = self.t
        j, head, off, cur, sel, vars_, rel = self.walk(i, ty)
        if lhs and vars_:
            b, idx, lo, hi = vars_[0][:4]
            k = '__k%d' % self.nloop
            self.nloop += 1
            self.override[b] = k
            text = []
            self.chain(i, ty, text)
            del self.override[b]
            out.append('%sfor (int %s = %s; %s <= %s; %s++) if (%s == %s) %s'
                       % (t[i].pre, k, lo, k, hi, k, idx, k,
                          ''.join(text).lstrip()))
            return j
        w = cur.width()
        if not lhs and len(vars_) == 1:
            b, idx, lo, hi, before, n, ew = vars_[0]
            fn = self.read_fn(n, ew, rel, w)
            out.append('%s(%s, %s)' % (
                fn, self.slice(head, before, mul(n, ew)),
                idx if lo == '0' else '%s - %s' % (idx, lo)))
            return j
        out.append(self.slice(head, off, w) if sel else head)
        return j

    def slice(self, head, off, w):
        o, n = num(off), num(w)
        if o is not None and n is not None:
            return head + '[%d:%d]' % (o + n - 1, o)
        return head + '[%s +: %s]' % (off, w)

    def read_fn(self, n, ew, rel, w):
        """A function: bits [rel +: w] of element i of n elements of ew
        bits, as a decoder and an AND-OR (what a case statement makes):
        only w bits wide, so the caller's branches stay narrow."""
        key = (n, ew, rel, w)
        if key not in self.rdfns:
            name = '__rd%d' % len(self.rdfns)
            self.rdfns[key] = (name, (
                '\n  function automatic logic [%s:0] %s('
                'input logic [%s:0] a, input logic [31:0] i);\n'
                '    %s = \'0;\n'
                '    for (int k = 0; k < %s; k++)\n'
                '      %s = %s | (a[k*%s + %s +: %s] & {%s{i == k}});\n'
                '  endfunction\n') % (
                    sub(w, '1'), name, sub(mul(n, ew), '1'), name, n,
                    name, name, ew, rel, w, w))
        return self.rdfns[key][0]

    def range_colon(self, a, b):
        """The top-level ':' / '+:' / '-:' of a [..] (not a ?: one)."""
        depth, q = 0, 0
        for k in range(a, b):
            x = self.tx(k)
            if x in '([{' and self.t[k].kind == 'op':
                depth += 1
            elif x in ')]}' and self.t[k].kind == 'op':
                depth -= 1
            elif depth == 0 and x == '?':
                q += 1
            elif depth == 0 and x in (':', '+:', '-:'):
                if x == ':' and q:
                    q -= 1
                    continue
                return k, x
        return None

    # ---------------------------------------------------------------- types
    def parse_dims(self, j):
        """[a:b][c:d]... -> ([(msb, lsb)], j after)."""
        dims = []
        while self.tx(j) == '[':
            e = self.match[j]
            rc = self.range_colon(j + 1, e)
            if rc is None:          # [N]: only in unpacked dims
                n = self.expr(j + 1, e).strip()
                dims.append(('N', simp(n)))
            else:
                k, op = rc
                if op != ':':
                    self.die(j, 'dimension with %s' % op)
                dims.append((simp(self.expr(j + 1, k).strip()),
                             simp(self.expr(k + 1, e).strip())))
            j = e + 1
        return dims, j

    def parse_type(self, j):
        """A data type at j: (Packed or None, j after, named: a typedef)."""
        t = self.t
        x = self.tx(j)
        named = False
        if x == 'mcnic_pkg' and self.tx(j + 1) == '::':
            j, x = j + 2, self.tx(j + 2)
        if x in BUILTIN and x != 'wire':
            n = BUILTIN[x]
            base = Packed([] if n == 1 else [(str(n - 1), '0')],
                          signed=x in ('int', 'integer', 'byte', 'shortint',
                                       'longint'))
            j += 1
            if x == 'int' and self.tx(j) == 'unsigned':
                base.signed = False
                j += 1
        elif t[j].kind == 'id' and self.typeof_name(x) is not None:
            base = self.typeof_name(x)
            named = True
            j += 1
        else:
            return None, j, False
        signed = base.signed
        while self.tx(j) in ('signed', 'unsigned'):
            signed = self.tx(j) == 'signed'
            j += 1
        dims, j = self.parse_dims(j)
        if any(m == 'N' for m, _ in dims):
            self.die(j, 'packed dimension without a range')
        return Packed(dims + base.dims, base.elem, signed), j, named

    def lowered_type(self, ty):
        return 'logic %s[%s:0]' % ('signed ' if ty.signed else '',
                                  sub(ty.width(), '1'))

    # --------------------------------------------------------- declarations
    def is_type_start(self, j):
        x = self.tx(j)
        return (x in BUILTIN and x != 'wire') or x == 'mcnic_pkg' or \
            (self.t[j].kind == 'id' and self.typeof_name(x) is not None)

    def try_decl(self, i, ctx, inherit):
        """A declaration at i: a statement (ctx 'stmt': every name becomes
        a declaration of its own), a port, an argument or a parameter (one
        name).  Returns (j after, text, (type, type text)) or None."""
        t = self.t
        j = i
        quals = []
        while t[j].kind == 'id' and self.tx(j) in QUALS:
            if self.tx(j) == 'wire' and not self.is_type_start(j + 1):
                break
            quals.append(j)
            j += 1
        ts = j
        named = False
        if self.tx(j) == 'wire':            # wire [3:0] x: implicit logic
            dims, j2 = self.parse_dims(j + 1)
            ty = Packed(dims)
        else:
            ty, j2, named = self.parse_type(j)
        ttext = None
        if ty is None:
            if inherit is not None and not quals and t[j].kind == 'id' and \
                    self.tx(j + 1) in (',', ')', '[', '='):
                (ty, ttext), j2 = inherit, j    # input logic a, b
            elif quals and t[j].kind == 'id':
                ty, j2 = Packed([]), j          # parameter N = 1
                ttext = ''
            else:
                return None
        if t[j2].kind != 'id' or self.typeof_name(self.tx(j2)) is not None:
            return None
        qtext = ''.join(t[q].pre + self.tx(q) for q in quals)
        if ttext is None:
            low = self.lowered_type(ty) if named or not ty.plain() else None
            ttext = t[ts].pre + low if low is not None else self.expr(ts, j2)
        j = j2
        pieces = []
        first = True
        while True:
            if t[j].kind != 'id':
                return None
            name, npre = self.tx(j), t[j].pre
            j += 1
            udims, j = self.parse_dims(j)
            dty, tt, utext = ty, ttext, ''
            if udims:
                if len(udims) > 1:
                    self.die(j, 'more than one unpacked dimension: ' + name)
                m, l = udims[0]
                lo, hi = ('0', sub(l, '1')) if m == 'N' else (m, l)
                if num(lo) is not None and num(hi) is not None and \
                        num(lo) > num(hi):
                    lo, hi = hi, lo
                if ty.plain() and ctx != 'ports' and (
                        self.mod is None or name not in self.mod.whole):
                    dty = Packed([])            # a memory yosys reads as is
                    utext = ' [%s:%s]' % (lo, hi)
                else:
                    flat = ctx == 'ports' or name in self.part_written()
                    dty = Unpacked(lo, hi, ty, flat)
                    w = mul(dty.n(), ty.width()) if flat else ty.width()
                    tt = (t[ts].pre if ts < j2 else ' ') + \
                        'logic [%s:0]' % sub(w, '1')
                    utext = '' if flat else ' [%s:%s]' % (lo, hi)
            text = (qtext if first else ' ' + qtext.lstrip()) + \
                (tt if first else ' ' + tt.lstrip()) + npre + name + utext
            if self.tx(j) == '=':
                e = j + 1
                while True:
                    x = self.tx(e)
                    if t[e].kind == 'eof':
                        self.die(j, 'runaway initialiser')
                    if t[e].kind == 'op' and x in '([{':
                        e = self.match[e]
                    elif x in (',', ';') or (t[e].kind == 'op' and x == ')'):
                        break
                    e += 1
                text += t[j].pre + '=' + self.expr(j + 1, e)
                j = e
            pieces.append(text)
            self.declare(name, dty)
            if self.collect and self.mod is not None and any(
                    self.tx(q) in ('parameter', 'localparam') for q in quals):
                self.mod.static.add(name)
            first = False
            if ctx == 'stmt' and self.tx(j) == ',':
                pieces.append(t[j].pre + ';')
                j += 1
                continue
            break
        return j, ''.join(pieces), (ty, ttext)

    def part_written(self):
        """Arrays that must be one vector: written in part, or used whole
        (connected to a port, assigned at once)."""
        if self.mod is None:
            return set()
        return self.mod.part_written | self.mod.whole

    # -------------------------------------------------------------- typedefs
    def typedef(self, i):
        """typedef at i: record it; returns (j after ';', text kept)."""
        t = self.t
        j = i + 1
        if self.tx(j) == 'struct':
            j += 1
            if self.tx(j) == 'packed':
                j += 1
            else:
                self.die(j, 'unpacked struct')
            if self.tx(j) != '{':
                self.die(j, 'struct without {')
            e = self.match[j]
            fields, k = [], j + 1
            while k < e:
                ty, k2, _ = self.parse_type(k)
                if ty is None:
                    self.die(k, 'struct member type %s' % self.tx(k))
                k = k2
                while True:
                    fields.append((self.tx(k), ty))
                    k += 1
                    if self.tx(k) == ',':
                        k += 1
                        continue
                    if self.tx(k) != ';':
                        self.die(k, 'struct member: expected ;')
                    k += 1
                    break
            name = self.tx(e + 1)
            st = Struct(name, fields)
            ty = Packed([], st)
            if self.tx(e + 2) != ';':
                self.die(e + 1, 'typedef name')
            self.settype(name, ty)
            return e + 3, self.span_ws(i, e + 3)
        if self.tx(j) == 'enum':
            k = j + 1
            if self.tx(k) == '{':
                base = Packed([('31', '0')])
            else:
                base, k, _ = self.parse_type(k)
            e = self.match[k]
            name = self.tx(e + 1)
            ty = Packed(base.dims, None)
            ty.enum = True
            self.settype(name, ty)
            # yosys 0.23 takes the enum (and defines its names): keep it
            return e + 3, self.plain_text(i, e + 3)
        ty, k, _ = self.parse_type(j)
        if ty is None:
            self.die(j, 'typedef of %s' % self.tx(j))
        name = self.tx(k)
        self.settype(name, ty)
        return k + 2, self.span_ws(i, k + 2)

    def settype(self, name, ty):
        if self.mod is not None:
            self.mod.types[name] = ty
        else:
            self.gtypes[name] = ty

    def plain_text(self, a, b):
        return ''.join(self.t[k].pre + self.t[k].text for k in range(a, b))

    # ------------------------------------------------------------ functions
    def function(self, i):
        """function header at i; returns j after its argument list."""
        t = self.t
        j = i + 1
        auto = ''
        if self.tx(j) in ('automatic', 'static'):
            auto = ' ' + self.tx(j)
            j += 1
        void = self.tx(j) == 'void'
        if void:
            ret, rtext = None, None
            j += 1
        elif self.tx(j + 1) in ('(', ';'):
            ret, rtext = Packed([]), ''
        else:
            ts = j
            ret, j, named = self.parse_type(j)
            if ret is None:
                self.die(j, 'function return type %s' % self.tx(j))
            if named or not ret.plain():
                rtext = ' ' + self.lowered_type(ret)
            else:
                rtext = self.expr(ts, j)
        name = self.tx(j)
        self.fstack.append({'name': name, 'void': void, 'depth': 0,
                            'ends': 0})
        self.scopes.append({})
        if ret is not None:
            self.declare(name, ret)
        if void:
            self.out.append(t[i].pre + 'task' + auto + ' ' + name)
        else:
            self.out.append(t[i].pre + 'function' + auto + rtext + ' ' + name)
        j += 1
        if self.tx(j) == '(':
            e = self.match[j]
            self.out.append(t[j].pre + '(')
            self.arglist(j + 1, e, 'args')
            self.out.append(t[e].pre + ')')
            j = e + 1
        return j

    def arglist(self, a, b, ctx):
        """Ports or arguments in (a, b): declarations separated by ','."""
        j, inherit = a, None
        while j < b:
            if self.tx(j) == 'import':      # import mcnic_pkg::*; in header
                k = j
                while self.tx(k) != ';':
                    k += 1
                self.out.append(self.span_ws(j, k + 1))
                j = k + 1
                continue
            r = self.try_decl(j, ctx, inherit)
            if r is None:
                # leave it (yosys will say what it thinks)
                k = self.item_end(j, b)
                self.out.append(self.expr(j, k))
                j = k
            else:
                j, text, inherit = r
                self.out.append(text)
                if ctx == 'params':
                    inherit = None
            if j < b and self.tx(j) == ',':
                self.out.append(self.t[j].pre + ',')
                j += 1

    def item_end(self, j, b):
        while j < b and self.tx(j) != ',':
            if self.t[j].kind == 'op' and self.tx(j) in '([{':
                j = self.match[j]
            j += 1
        return j

    def ret(self, i):
        """return X; -> fname = X;"""
        f = self.fstack[-1] if self.fstack else None
        if f is None:
            self.die(i, 'return outside a function')
        e = i + 1
        while self.tx(e) != ';':
            if self.t[e].kind == 'op' and self.tx(e) in '([{':
                e = self.match[e]
            e += 1
        self.out.append(self.t[i].pre + f['name'] + ' =' +
                        self.expr(i + 1, e) + self.t[e].pre + ';')
        if not self.collect and self.tx(e + 1) not in ('endfunction', 'else'):
            self.die(i, 'return before the end of %s' % f['name'])
        return e + 1

    def early_return(self, i):
        """`if (c) return X;` followed by more statements, at the top of
        a function body: -> if (c) f = X; else begin ... end."""
        f = self.fstack[-1]
        c = self.match[i + 1]
        if self.tx(c + 1) != 'return':
            return None
        e = c + 2
        while self.tx(e) != ';':
            if self.t[e].kind == 'op' and self.tx(e) in '([{':
                e = self.match[e]
            e += 1
        if self.tx(e + 1) in ('endfunction', 'else'):
            return None
        self.out.append(self.t[i].pre + 'if' + self.t[i + 1].pre + '(' +
                        self.expr(i + 2, c) + ')' + self.t[c + 1].pre +
                        f['name'] + ' =' + self.expr(c + 2, e) + ';' +
                        ' else begin')
        f['ends'] += 1
        self.er_next = e + 1
        return e + 1

    # ------------------------------------------------------------- the walk
    def stmt_start(self, i):
        p = self.tx(i - 1) if i > 0 else ';'
        if p in STMT_PREV:
            return True
        # begin : label
        return i >= 3 and self.tx(i - 2) == ':' and self.tx(i - 3) == 'begin'

    def run(self):
        t = self.t
        self.fstack = []
        self.modname = None
        i = 0
        while t[i].kind != 'eof':
            x = self.tx(i)
            k = t[i].kind
            if k == 'dir':
                self.out.append(t[i].pre + x)
                i += 1
            elif x == 'package':
                i = self.package(i)
            elif x == 'import' and k == 'id':
                j = i
                while self.tx(j) != ';':
                    j += 1
                self.out.append(self.span_ws(i, j + 1))
                i = j + 1
            elif x == 'module':
                i = self.module(i)
            elif x == 'endmodule':
                self.scopes.pop()
                self.mod = None
                for name, text in self.rdfns.values():
                    self.out.append(text)
                self.rdfns = {}
                self.out.append(t[i].pre + x)
                i += 1
            elif x == 'typedef':
                i, text = self.typedef(i)
                self.out.append(text)
            elif x in ('function', 'task') and k == 'id':
                if x == 'task':
                    self.fstack.append({'name': self.tx(i + 2), 'void': True,
                                        'depth': 0, 'ends': 0, 'task': 1})
                    self.scopes.append({})
                    j = i + 1
                    if self.tx(j) in ('automatic', 'static'):
                        j += 1
                    self.out.append(self.plain_text(i, j + 1))
                    j += 1
                    if self.tx(j) == '(':
                        e = self.match[j]
                        self.out.append(t[j].pre + '(')
                        self.arglist(j + 1, e, 'args')
                        self.out.append(t[e].pre + ')')
                        j = e + 1
                    i = j
                else:
                    i = self.function(i)
            elif x in ('endfunction', 'endtask'):
                f = self.fstack.pop()
                self.scopes.pop()
                self.out.append(' end' * f['ends'])
                self.out.append(t[i].pre + ('endtask' if f['void'] else x))
                i += 1
            elif x == 'return' and k == 'id':
                i = self.ret(i)
            elif x == 'if' and self.fstack and self.fstack[-1]['depth'] == 0 \
                    and not self.collect and self.tx(i + 1) == '(' and \
                    self.early_return(i) is not None:
                i = self.er_next
            elif x == 'begin':
                self.scopes.append({})
                if self.fstack:
                    self.fstack[-1]['depth'] += 1
                self.out.append(t[i].pre + x)
                i += 1
            elif x == 'end':
                self.scopes.pop()
                if self.fstack:
                    self.fstack[-1]['depth'] -= 1
                self.out.append(t[i].pre + x)
                i += 1
            else:
                r = None
                if self.collect and self.mod is not None and \
                        (x == 'genvar' or (x in ('int', 'genvar') and
                                           self.tx(i - 1) == '(' and
                                           self.tx(i - 2) == 'for')):
                    self.mod.static.add(self.tx(i + 1))
                if self.stmt_start(i) and k == 'id':
                    if self.collect:
                        self.note_part_write(i)
                    r = self.try_decl(i, 'stmt', None)
                if r is not None:
                    i, text, _ = r
                    self.out.append(text)
                elif not self.collect and self.stmt_start(i) and k == 'id' \
                        and self.is_lhs(i) and self.lookup(x) is not None \
                        and not (isinstance(self.lookup(x), Packed) and
                                 self.lookup(x).plain()):
                    out = []
                    i = self.chain(i, self.lookup(x), out, lhs=True)
                    self.out.extend(out)
                else:
                    out = []
                    i = self.expr_tok(i, out)
                    self.out.extend(out)
        self.out.append(t[i].pre)
        return ''.join(self.out)

    def is_lhs(self, i):
        """x[..].f... followed by = or <=."""
        j = i + 1
        while self.tx(j) in ('.', '['):
            j = j + 2 if self.tx(j) == '.' else self.match[j] + 1
        return j > i + 1 and self.tx(j) in ('=', '<=')

    def note_part_write(self, i):
        """x[..].f = / x[..][..] <= at a statement start: x is written in
        part (an array of those must be one flat vector)."""
        if self.tx(i + 1) != '[':
            return
        e = self.match[i + 1]
        if self.tx(e + 1) not in ('.', '['):
            return
        j = e + 1
        while self.tx(j) in ('.', '['):
            j = j + 2 if self.tx(j) == '.' else self.match[j] + 1
        if self.tx(j) in ('=', '<='):
            self.mod.part_written.add(self.tx(i))

    def module(self, i):
        t = self.t
        name = self.tx(i + 1)
        self.modname = name
        if self.collect:
            self.mods[name] = Module()
        self.mod = self.mods[name]
        if self.collect:
            self.mod.types = {}
        self.scopes.append({})
        self.out.append(t[i].pre + 'module' + t[i + 1].pre + name)
        j = i + 2
        while self.tx(j) == 'import':
            k = j
            while self.tx(k) != ';':
                k += 1
            self.out.append(self.span_ws(j, k + 1))
            j = k + 1
        if self.tx(j) == '#':
            e = self.match[j + 1]
            self.out.append(t[j].pre + '#' + t[j + 1].pre + '(')
            self.arglist(j + 2, e, 'params')
            self.out.append(t[e].pre + ')')
            j = e + 1
        if self.tx(j) == '(':
            e = self.match[j]
            self.out.append(t[j].pre + '(')
            self.arglist(j + 1, e, 'ports')
            self.out.append(t[e].pre + ')')
            j = e + 1
        return j

    def package(self, i):
        """The package: its localparams at file scope, typedefs recorded."""
        t = self.t
        j = i + 3                       # package NAME ;
        self.out.append(self.span_ws(i, j))
        while self.tx(j) != 'endpackage':
            if self.tx(j) == 'typedef':
                j, text = self.typedef(j)
                self.out.append(text)
            elif self.tx(j) == 'localparam':
                k = j
                while self.tx(k) != ';':
                    k += 1
                m = re.fullmatch(r'localparam (?:int unsigned |int )?(\w+) = '
                                 r'(\d+);', ' '.join(
                                     self.tx(x) for x in range(j, k + 1))
                                 .replace(' ;', ';'))
                if m:
                    CONSTS[m.group(1)] = int(m.group(2))
                self.out.append(self.plain_text(j, k + 1))
                j = k + 1
            else:
                self.die(j, 'package item %s' % self.tx(j))
        self.out.append(self.span_ws(j, j + 1))
        return j + 1


def same(a, b):
    if type(a) is not type(b):
        return False
    if isinstance(a, Packed):
        return a.dims == b.dims and a.elem is b.elem
    return a.lo == b.lo and a.hi == b.hi and same(a.elem, b.elem) and \
        a.flat == b.flat


def needed(files, top):
    """The files of top and of every module it instantiates, in order."""
    defs, text = {}, {}
    for f in files:
        with open(f) as fh:
            text[f] = re.sub(r'//[^\n]*|/\*.*?\*/', ' ', fh.read(), flags=re.S)
        for m in re.findall(r'^\s*module\s+(\w+)', text[f], re.M):
            defs[m] = f
    if top not in defs:
        sys.exit('prep: no module %s' % top)
    want, todo = set(), [defs[top]]
    while todo:
        f = todo.pop()
        if f in want:
            continue
        want.add(f)
        for name in set(re.findall(r'\b\w+\b', text[f])):
            if name in defs and defs[name] != f:
                todo.append(defs[name])
    return [f for f in files if f in want]


def main():
    args = sys.argv[1:]
    top = None
    if len(args) > 1 and args[0] == '--top':
        top, args = args[1], args[2:]
    if len(args) < 2:
        sys.exit(__doc__)
    out, pkg, files = args[0], args[1], args[1:]
    if top is not None:
        files = [pkg] + needed(args[2:], top)
    gtypes, mods, texts = {}, {}, []
    for f in files:
        with open(f) as fh:
            src = fh.read()
        # pass 1: declarations of every scope, arrays written in part
        Lower(tokenize(src, f), f, gtypes, True, mods).run()
        # pass 2: the lowered text
        text = Lower(tokenize(src, f), f, gtypes, False, mods).run()
        texts.append('// ---- %s\n%s' % (f, text))
    with open(out, 'w') as fh:
        fh.write('// Generated by hdl/syn/prep.py for yosys: do not edit.\n')
        fh.write('\n'.join(texts))


if __name__ == '__main__':
    main()
