#!/bin/sh
# Re-records which hosts the real Ansible selects for each pattern of patterns.txt in patterns.ini.
# Output lines: PATTERN<TAB>host,host,... (in Ansible's order). Run from this directory.
set -e
while IFS= read -r p; do
  hosts=$(ansible -i patterns.ini "$p" --list-hosts 2>/dev/null | sed -n 's/^    //p' | paste -sd, -)
  printf '%s\t%s\n' "$p" "$hosts"
done < patterns.txt > patterns.ansible-hosts.txt
