import re, os, sys, subprocess
files = subprocess.run("grep -rlE 'SupabaseClient|createClient' --include=*.ts --include=*.tsx admin/src tests scripts supabase/functions supabase/seed", shell=True, capture_output=True, text=True).stdout.split()
target = 'supabase/functions/_shared/database.types.ts'
for f in files:
    if f == target: continue
    s = open(f).read()
    orig = s
    lines = s.split('\n')
    out = []
    for l in lines:
        if l.startswith('import '):
            out.append(l); continue
        l = re.sub(r'\bSupabaseClient\b(?!<)', 'SupabaseClient<Database>', l)
        l = re.sub(r'\bcreateClient\((?!<)', 'createClient<Database>(', l)
        out.append(l)
    s = '\n'.join(out)
    if s != orig and 'import type { Database }' not in s:
        rel = os.path.relpath(target, os.path.dirname(f))
        if not rel.startswith('.'): rel = './' + rel
        # insert after the supabase-js import line
        idx = [i for i,l in enumerate(out) if l.startswith('import') and 'supabase-js' in l]
        i = idx[0] if idx else max(i for i,l in enumerate(out) if l.startswith('import '))
        out.insert(i+1, f"import type {{ Database }} from '{rel}';")
        s = '\n'.join(out)
    if s != orig:
        open(f,'w').write(s); print('changed', f)
