// The year and class pickers of the class-level gradebook screens: the current year, then the class the
// user picked, or by default the class they are homeroom teacher (GVCN) of. A class of another year is
// dropped when the year changes. `isHomeroom`: the chosen class is the user's own (the screens offer
// editing only then; Postgres decides anyway). `offered` narrows the classes a screen is about (Phẩm chất:
// primary classes only).
import { useGetIdentity } from '@refinedev/core';
import { useState } from 'react';
import type { Identity } from '../providers/userContext.ts';
import { useSchoolYear } from './useSchoolYear.ts';
import { useYearClasses, type ClassRow } from './useYearData.ts';

const everyClass = () => true;

export function useHomeroomClass(offered: (c: ClassRow) => boolean = everyClass) {
  const { data: identity } = useGetIdentity<Identity>();
  const { years, year, setYearId } = useSchoolYear();
  const classes = useYearClasses(year?.id).classes.filter(offered);
  const [chosenClassId, setClassId] = useState<string>();
  const mine = (c: { homeroom_teacher_id: string | null }) => !!identity && c.homeroom_teacher_id === identity.id;
  const cls = classes.find((c) => c.id === chosenClassId) ?? classes.find(mine);
  return { years, year, setYearId, classes, cls, setClassId, isHomeroom: !!cls && mine(cls) };
}
