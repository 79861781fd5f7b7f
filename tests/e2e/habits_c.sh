#!/bin/bash
# habits.sh in the C locale: ASCII glyphs, the same keys.
HABITS_LOCALE=C exec bash "${0%/*}/habits.sh"
